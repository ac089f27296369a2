using System.Diagnostics;
using Symbolic.Syntax;

namespace Symbolic.Benchmarks;

/// <summary>Stopwatch splits of binding the 4,000-term sum (`-- parse-profile`): the terms one by one, then the one n-ary sum.</summary>
public static class ParseProfile
{
    public static void Run()
    {
        var text = Workloads.BigSum();
        var tree = (BinarySyntax)SyntaxParser.ParseExpression(text);
        var operands = SyntaxReading.Chain(tree, BinaryOperator.Add, BinaryOperator.Subtract);
        var even = operands.Where((_, i) => i % 2 == 0).Select(o => o.Syntax).ToList();
        var odd = operands.Where((_, i) => i % 2 == 1).Select(o => o.Syntax).ToList();
        var numbers = new List<NumberSyntax>();
        void Collect(ExprSyntax s)
        {
            switch (s)
            {
                case NumberSyntax n: numbers.Add(n); break;
                case BinarySyntax b: Collect(b.Left); Collect(b.Right); break;
                case UnarySyntax u: Collect(u.Operand); break;
                case CallSyntax c: foreach (var a in c.Arguments) Collect(a.Value); break;
            }
        }
        Collect(tree);
        var best = new double[8];
        Array.Fill(best, double.MaxValue);
        for (int round = 0; round < 15; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var n in numbers) Rational.Parse(n.Text);
            double tRational = sw.Elapsed.TotalMilliseconds; sw.Restart();
            foreach (var n in numbers) Expr.Number(Rational.Parse(n.Text));
            double tNumber = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var evenTerms = even.Select(Binder.Bind).ToList();
            double tEven = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var oddTerms = odd.Select(Binder.Bind).ToList();
            double tOdd = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var all = evenTerms.Concat(oddTerms).ToList();
            var sum = Expr.Add(all);
            double tSum = sw.Elapsed.TotalMilliseconds; sw.Restart();
            SyntaxParser.ParseExpression(text);
            double tSyntax = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var sorted = all.ToArray();
            Array.Sort(sorted, ExprOrder.Comparer);
            double tSort = sw.Elapsed.TotalMilliseconds; sw.Restart();
            foreach (var t in all) Symbolic.Intern.Node(t);
            double tIntern = sw.Elapsed.TotalMilliseconds;
            double[] now = [tRational, tNumber, tEven, tOdd, tSum, tSyntax, tSort, tIntern];
            for (int k = 0; k < best.Length; k++) best[k] = Math.Min(best[k], now[k]);
            if (round < 14) continue;
            Console.WriteLine($"{numbers.Count} literals: Rational.Parse {tRational:F1} ms, +Expr.Number {tNumber:F1} ms; " +
                $"2,000 c*x^k*sin(a*y+b) {tEven:F1} ms; 2,000 c*exp(-(x-a)^2)/(1+y^2) {tOdd:F1} ms; Add of 4,000 {tSum:F1} ms; syntax {tSyntax:F1} ms");
            GC.KeepAlive(sum);
        }
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        var tree2 = SyntaxParser.ParseExpression(text);
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        Binder.Bind(tree2);
        long a2 = GC.GetAllocatedBytesForCurrentThread();
        foreach (var o in operands) Binder.Bind(o.Syntax);
        long a3 = GC.GetAllocatedBytesForCurrentThread();
        {
            var x = Expr.Symbol("x"); var y = Expr.Symbol("y");
            var rnd = new Random(1);
            var cs = Enumerable.Range(0, 2000).Select(_ => Expr.Number(Rational.Parse((rnd.NextDouble() * 9 + 0.5).ToString("F12", System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
            var steps = new (string, Func<int, Expr>)[]
            {
                ("Pow(x, k)", i => Expr.Pow(x, Expr.Number(i % 13 + 1))),
                ("Mul(a, y)", i => Expr.Mul(cs[i], y)),
                ("Add(a*y, b)", i => Expr.Add(Expr.Mul(cs[i], y), cs[(i + 1) % 2000])),
                ("sin(a*y + b)", i => Expr.Call(Symbolic.Functions.Functions.Sin, Expr.Add(Expr.Mul(cs[i], y), cs[(i + 1) % 2000]))),
                ("c*x^k*sin(..)", i => Expr.Mul(cs[(i + 2) % 2000], Expr.Pow(x, Expr.Number(i % 13 + 1)), Expr.Call(Symbolic.Functions.Functions.Sin, Expr.Add(Expr.Mul(cs[i], y), cs[(i + 1) % 2000])))),
                ("x - a", i => Expr.Add(x, Expr.Neg(cs[i]))),
                ("(x - a)^2", i => Expr.Pow(Expr.Add(x, Expr.Neg(cs[i])), Expr.Two)),
                ("exp(-(x - a)^2)", i => Expr.Call(Symbolic.Functions.Functions.Exp, Expr.Neg(Expr.Pow(Expr.Add(x, Expr.Neg(cs[i])), Expr.Two)))),
                ("1/(1 + y^2)", i => Expr.Pow(Expr.Add(Expr.One, Expr.Pow(y, Expr.Two)), Expr.MinusOne)),
            };
            foreach (var (name, f) in steps)
            {
                for (int i = 0; i < 2000; i++) f(i);
                long b0 = GC.GetAllocatedBytesForCurrentThread();
                var sw2 = Stopwatch.StartNew();
                for (int i = 0; i < 2000; i++) f(i);
                double ms = sw2.Elapsed.TotalMilliseconds;
                long b1 = GC.GetAllocatedBytesForCurrentThread();
                Console.WriteLine($"  {name,-18} {(b1 - b0) / 2000.0,8:F0} B/op {ms * 1000 / 2000,8:F2} us/op");
            }
        }
        Console.WriteLine($"allocated: syntax {(a1 - a0) / 1e6:F1} MB, binding {(a2 - a1) / 1e6:F1} MB (terms alone {(a3 - a2) / 1e6:F1} MB)");
        Console.WriteLine($"best: Rational.Parse {best[0]:F1}, +Number {best[1]:F1}, even terms {best[2]:F1}, odd terms {best[3]:F1}, Add {best[4]:F1}, syntax {best[5]:F1}, sort alone {best[6]:F1}, intern lookups of 4,000 terms {best[7]:F1} ms");
    }
}
