// The README's library example as a program: `dotnet run --project samples/LibraryTour`.
using Symbolic;
using Symbolic.Compilation;

Expr f = Expr.Parse("3x^2 + 2x*y + 3y^2");
Expr fx = f.Diff("x");                          // 6*x + 2*y
Expr[] g = f.Gradient("x", "y");                // [6*x + 2*y, 2*x + 6*y]
Expr[,] h = f.Hessian("x", "y");                // [[6, 2], [2, 6]]
Expr t = Expr.Parse("exp(x)").Taylor("x", 0, 4);  // x^4/24 + x^3/6 + x^2/2 + x + 1
Expr at = fx.Subs("y", Expr.Parse("1"));        // 6*x + 2
Expr sq = Expr.Parse("(x + 1)^2").Expand();     // x^2 + 2*x + 1
Expr s = Expr.Parse("x/(x^2 + x)").Simplify();  // 1/(x + 1)
double v = f.Evaluate(("x", 1.0), ("y", 2.0));  // 19
string tex = Expr.Parse("x*exp(x)").Diff("x").ToLatex();  // x e^{x} + e^{x}

var fn = f.Compile("x", "y");                   // value, gradient, Hessian from one graph, each subexpression once
double fv = fn.Value([1.0, 2.0]);               // 19
Span<double> grad = stackalloc double[2];
fn.ValueAndGradient([1.0, 2.0], grad);          // grad = [10, 14]
var hess = new double[4];
fn.Hessian([1.0, 2.0], hess);                   // row-major [6, 2, 2, 6]
Func<double, double, double> d = f.Compile<Func<double, double, double>>("x", "y");
var loss = Expr.Parse("(w*a + b - t)^2").Compile(["w", "b"], ["a", "t"]);  // variables, then fixed parameters
double l = loss.Bind([2.0, 5.0]).Value([1.0, 1.0]);                        // one data row: 4

Console.WriteLine($"f          = {f}");
Console.WriteLine($"df/dx      = {fx}");
Console.WriteLine($"gradient   = [{string.Join(", ", g.Select(e => e.ToString()))}]");
Console.WriteLine($"Hessian    = [[{h[0, 0]}, {h[0, 1]}], [{h[1, 0]}, {h[1, 1]}]]");
Console.WriteLine($"taylor     = {t}");
Console.WriteLine($"fx(y = 1)  = {at}");
Console.WriteLine($"expand     = {sq}");
Console.WriteLine($"simplify   = {s}");
Console.WriteLine($"f(1, 2)    = {v}");
Console.WriteLine($"latex      = {tex}");
Console.WriteLine($"compiled   = {fv}, gradient [{grad[0]}, {grad[1]}], Hessian [{string.Join(", ", hess)}], delegate {d(1, 2)}, loss {l}");
