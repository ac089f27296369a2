// Forward mode against reverse mode on one wide function, as the course notes argue with the matrix
// chain: a gradient by forward mode needs one directional derivative per input (n passes), reverse
// mode needs one sweep. Run: dotnet run -c Release --project samples/ForwardVsReverse [-- maxN]
using System.Diagnostics;
using Symbolic;
using Symbolic.Compilation;

int maxN = args.Length > 0 && int.TryParse(args[0], out var m) ? m : 10_000;

Console.WriteLine("f(x) = log(1 + sum_i x_i^2) * sin(sum_i x_i / n), gradient at a random point");
Console.WriteLine();
Console.WriteLine($"{"n",7} {"forward (n passes)",20} {"reverse (1 sweep)",19} {"forward/reverse",16} {"max |difference|",17}");
foreach (int n in new[] { 10, 100, 1_000, 10_000 }.Where(n => n <= maxN))
{
    var names = Enumerable.Range(1, n).Select(i => $"x{i}").ToArray();
    var squares = string.Join(" + ", names.Select(x => $"{x}^2"));
    var sum = string.Join(" + ", names);
    var f = Expr.Parse($"log(1 + {squares}) * sin(({sum}) / {n})");
    var fn = f.Compile(names.Select(Expr.Symbol).ToArray(), [], new CompileOptions(GradientMode.Reverse));

    var rnd = new Random(n);
    var x = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
    var forward = new double[n];
    var reverse = new double[n];
    var direction = new double[n];

    // warm up both kernels (compilation is not what is compared)
    fn.ValueAndGradient(x, reverse);
    fn.DirectionalDerivative(x, direction);

    double forwardTime = Time(() =>
    {
        for (int i = 0; i < n; i++)
        {
            direction[i] = 1;
            forward[i] = fn.DirectionalDerivative(x, direction);
            direction[i] = 0;
        }
    });
    double reverseTime = Time(() => fn.ValueAndGradient(x, reverse));
    double difference = forward.Zip(reverse, (a, b) => Math.Abs(a - b)).Max();
    Console.WriteLine($"{n,7} {Format(forwardTime),20} {Format(reverseTime),19} {forwardTime / reverseTime,16:N0} {difference,17:E1}");
}

// Best of several runs, repeating short work until it takes a measurable time.
static double Time(Action work)
{
    double best = double.MaxValue;
    for (int run = 0; run < 5; run++)
    {
        int reps = 1;
        var sw = Stopwatch.StartNew();
        do
        {
            for (int i = 0; i < reps; i++) work();
            reps *= 2;
        } while (sw.ElapsedMilliseconds < 20 && reps < 1 << 20);
        best = Math.Min(best, sw.Elapsed.TotalSeconds / (reps - 1));
    }
    return best;
}

static string Format(double seconds) =>
    seconds >= 1e-3 ? $"{seconds * 1e3:N2} ms" : $"{seconds * 1e6:N2} us";
