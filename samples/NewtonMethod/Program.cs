// Newton's method from the course notes: roots of x^2 - 9, the omega constant, and the 2-D Newton step
// for a minimum. Each number the notes give is checked; the exit code is 1 if one does not match.
// Run: dotnet run --project samples/NewtonMethod
using Symbolic;
using Symbolic.Numerics;

Console.WriteLine("1. x^2 - 9 = 0 by x <- x - (x^2 - 9)/(2x), full steps from x0 = 1 (notes: e(k+1) = e(k)^2 / (2 x_k))");
var plain = NewtonRaphson.FindRoot(Expr.Parse("x^2 - 9"), "x", 1, new RootOptions(Damped: false));
Console.WriteLine("   k  x_k                    e_k = x_k - 3        e(k+1)/e(k)^2   1/(2 x_k)");
var h = plain.History;
for (int k = 0; k < h.Count; k++)
{
    double x = h[k].Point[0], e = x - 3;
    string ratio = k + 1 < h.Count && Math.Abs(e) > 1e-7 ? $"{(h[k + 1].Point[0] - 3) / (e * e),-15:G6} {1 / (2 * x):G6}" : "";
    Console.WriteLine($"  {k,2}  {x,-22:R} {e,-20:G6} {ratio}");
}
Check.Near("root", plain.Root[0], 3, 1e-12);
for (int k = 0; k + 1 < h.Count && Math.Abs(h[k].Point[0] - 3) > 1e-7; k++)
    Check.Near($"e({k + 1})/e({k})^2 = 1/(2 x_{k})", (h[k + 1].Point[0] - 3) / Math.Pow(h[k].Point[0] - 3, 2), 1 / (2 * h[k].Point[0]), 1e-6);
var damped = NewtonRaphson.FindRoot(Expr.Parse("x^2 - 9"), "x", 1);
Console.WriteLine($"   damped (the default): the full step 1 -> 5 raises |f| from 8 to 16, so it is halved and lands on {damped.Root[0]} in {damped.Iterations} step");

Console.WriteLine("\n2. The minimum of e^x - log(x): Newton on its derivative e^x - 1/x (the omega constant, e^x = 1/x)");
var omega = NewtonRaphson.FindRoot(Expr.Parse("exp(x) - 1/x"), "x", 1);
foreach (var it in omega.History) Console.WriteLine($"  {it.Iteration,2}  x = {it.Point[0]:R}");
Check.Near("omega (stopped at |f| <= 1e-10)", omega.Root[0], 0.5671432904097838, 1e-12);

Console.WriteLine("\n3. 2-D Newton for a minimum: f = x^4 + 0.8y^4 + 4x^2 + 2y^2 - xy - 0.2x^2 y from (4, 4)");
var f = Expr.Parse("x^4 + 0.8y^4 + 4x^2 + 2y^2 - x*y - 0.2x^2*y");
var g = f.Gradient("x", "y");
var H = f.Hessian("x", "y");
Console.WriteLine($"   gradient = [{g[0]}, {g[1]}]");
Console.WriteLine($"   Hessian  = [[{H[0, 0]}, {H[0, 1]}], [{H[1, 0]}, {H[1, 1]}]]   (the notes' f_yy = 10.8y^2 + 4 is a slip: 0.8*4*3 = 9.6)");
var fn = f.Compile("x", "y");
var grad = new double[2];
var hess = new double[4];
fn.ValueAndGradient([4.0, 4.0], grad);
fn.Hessian([4.0, 4.0], hess);
Check.Near("f_x(4, 4)", grad[0], 277.6, 1e-9);
Check.Near("f_y(4, 4)", grad[1], 213.6, 1e-9);
Check.Near("f_xx(4, 4)", hess[0], 198.4, 1e-9);
Check.Near("f_xy(4, 4)", hess[1], -2.6, 1e-9);
Check.Near("f_yy(4, 4)", hess[3], 157.6, 1e-9);
var r = Minimize.Newton(f, ["x", "y"], [4.0, 4.0], new MinimizationOptions(RecordTrace: true));
foreach (var t in r.Trace) Console.WriteLine($"  {t.Iteration,2}  ({t.Point[0],-24:R}, {t.Point[1],-24:R})  f = {t.Value:G6}");
Check.Near("first step, x", r.Trace[1].Point[0], 2.5827, 5e-5);
Check.Near("first step, y", r.Trace[1].Point[1], 2.6213, 5e-5);
Check.True($"converges to the minimum (0, 0) in {r.Iterations} iterations", r.Converged && Math.Abs(r.Point[0]) < 1e-9 && Math.Abs(r.Point[1]) < 1e-9);
return Check.ExitCode;
