// Every optimizer on one ill-conditioned quadratic, f = x^2/2 + 50 y^2 (curvatures 1 and 100, condition
// number 100) from (10, 1), each at its default rate, until the gradient norm is at most 1e-8.
// Run: dotnet run --project samples/OptimizerTable
using System.Diagnostics;
using Symbolic;
using Symbolic.Numerics;

var f = Expr.Parse("x^2/2 + 50y^2");
var objective = Objective.FromExpression(f, "x", "y");
double[] start = [10, 1];
var options = new MinimizationOptions(Tolerance: 1e-8, MaxIterations: 100_000);
Console.WriteLine($"f = {f}, from (10, 1), |grad f| <= 1e-8, at most 100,000 iterations, default rates (times include compiling)");
Console.WriteLine($"{"method",-10} {"rate",-7} {"iterations",10} {"evaluations",12}  {"result",-16} {"distance",-10} {"time",9}");
var rows = new List<(string, MinimizationResult, double)>();
foreach (var method in Minimize.Methods)
{
    var sw = Stopwatch.StartNew();
    var r = Minimize.With(method, f, ["x", "y"], start, options);
    rows.Add((method, r, sw.Elapsed.TotalMilliseconds));
    string rate = method switch { "gd" or "momentum" or "nesterov" or "adagrad" => "0.01", "rmsprop" or "adam" => "0.001", _ => "-" };
    double distance = Math.Sqrt(r.Point[0] * r.Point[0] + r.Point[1] * r.Point[1]);
    Console.WriteLine($"{method,-10} {rate,-7} {r.Iterations,10} {r.Evaluations,12}  {r.Reason,-16} {distance,-10:G3} {sw.Elapsed.TotalMilliseconds,7:F2} ms");
}
var byName = rows.ToDictionary(r => r.Item1, r => r.Item2);
Check.True("linear CG (f is quadratic) needs at most 2 steps", byName["cg"].Iterations <= 2);
Check.True("Newton needs 1 step", byName["newton"].Iterations == 1);
Check.True("momentum needs fewer iterations than plain gradient descent", byName["momentum"].Iterations < byName["gd"].Iterations);
// Adagrad's steps shrink like rate/sqrt(k): from distance 10 at rate 0.01 it needs about (10/0.02)^2 = 250,000
// steps. Constant-rate RMSprop takes steps of about its rate even as the gradient vanishes, so it hovers.
Check.True("every other method reaches the tolerance", rows.Where(r => r.Item1 is not ("adagrad" or "rmsprop")).All(r => r.Item2.Converged));
return Check.ExitCode;
