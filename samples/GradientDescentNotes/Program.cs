// Gradient descent as the course notes work it by hand: e^x - log(x) from 0.05, one step on
// 85 - (1/90) x^2 (x - 6) y^2 (y - 6), and linear regression on the error E(m, b).
// Run: dotnet run --project samples/GradientDescentNotes
using Symbolic;
using Symbolic.Numerics;

Console.WriteLine("1. f(x) = e^x - log(x), start 0.05, rate 0.005: x <- x - 0.005 f'(x)");
var f = Expr.Parse("exp(x) - log(x)");
var df = f.Diff("x").Compile("x");
Console.WriteLine($"   f'(x) = {f.Diff("x")}");
Check.Near("f'(0.05)", df.Value([0.05]), -18.9, 0.05);
var r = Minimize.GradientDescent(f, ["x"], [0.05], new MinimizationOptions(Rate: 0.005, MaxIterations: 10_000, RecordTrace: true));
Check.Near("x1", r.Trace[1].Point[0], 0.1447, 5e-5);
Check.Near("f'(0.1447) (the notes evaluate at x1 rounded; at x1 itself it is -5.7530)", df.Value([0.1447]), -5.7552, 5e-5);
Check.Near("x2", r.Trace[2].Point[0], 0.1735, 5e-5);
Check.Near($"minimum after {r.Iterations} steps (omega)", r.Point[0], 0.5671, 5e-5);

Console.WriteLine("\n2. T = 85 - (1/90) x^2 (x - 6) y^2 (y - 6): one step of rate 0.05 from (0.5, 0.6)");
var t = Expr.Parse("85 - (1/90) x^2 (x - 6) y^2 (y - 6)");
var tg = t.Gradient("x", "y");
Console.WriteLine($"   grad T = [{tg[0]}, {tg[1]}]");
var fn = t.Compile("x", "y");
var g = new double[2];
fn.ValueAndGradient([0.5, 0.6], g);
Check.Near("T_x(0.5, 0.6) (the errata; the notes' first copy says -0.2134)", g[0], -0.1134, 5e-5);
Check.Near("T_y(0.5, 0.6)", g[1], -0.0935, 5e-5);
Check.Near("x after the step", 0.5 - 0.05 * g[0], 0.5057, 5e-5);
Check.Near("y after the step", 0.6 - 0.05 * g[1], 0.6047, 5e-5);

Console.WriteLine("\n3. Linear regression: E(m, b) = 14m^2 + 3b^2 + 38 + 12mb - 42m - 20b (the errata's E)");
var e = Expr.Parse("14m^2 + 3b^2 + 38 + 12m*b - 42m - 20b");
var eg = e.Gradient("m", "b");
Console.WriteLine($"   grad E = [{eg[0]}, {eg[1]}]");
var lr = Minimize.GradientDescent(e, ["m", "b"], [0.0, 0.0], new MinimizationOptions(Rate: 0.01, MaxIterations: 100_000));
Console.WriteLine($"   gradient descent, rate 0.01, from (0, 0): {lr.Iterations} iterations, |grad E| = {lr.GradientNorm:G3}");
Check.Near("m", lr.Point[0], 0.5, 1e-9);
Check.Near("b", lr.Point[1], 7.0 / 3, 1e-9);
Check.Near("E at the minimum (25/6)", lr.Value, 25.0 / 6, 1e-9);
return Check.ExitCode;
