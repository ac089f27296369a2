using Symbolic.Printing;
using static Symbolic.Functions.Functions;

namespace Symbolic.Tests.Printing;

public class LatexPrinterTests
{
    private static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y"), Z = Expr.Symbol("z");

    private static Expr Q(long numerator, long denominator) => Expr.Number(Rational.Create(numerator, denominator));

    private static Expr D(string text) => Expr.Number(Rational.Parse(text));

    private static Expr Fn(Symbolic.Functions.FunctionDef f, params Expr[] args) => Expr.Call(f, args);

    private static Expr G(params Expr[] args) => Expr.Call(Undefined("g", args.Length), args);

    // (expected LaTeX, expression), one rule per row.
    public static TheoryData<string, Expr> Cases => new()
    {
        // quotients and coefficients
        { @"\frac{x}{3}", X / 3 },
        { @"\frac{2 x}{3}", 2 * X / 3 },
        { @"-\frac{x}{3}", -X / 3 },
        { @"\frac{x}{2 y}", X / (2 * Y) },
        { @"\frac{1}{x}", 1 / X },
        { @"-\frac{1}{x^{2} + 1}", -1 / (Expr.Pow(X, 2) + 1) },
        { @"\frac{e^{-x^{2}} \sin\left(x\right)}{x^{2} + 1}", Fn(Exp, -Expr.Pow(X, 2)) * Fn(Sin, X) / (Expr.Pow(X, 2) + 1) },
        { @"\frac{1}{x \left(x + 1\right)}", 1 / (X * (X + 1)) },
        { @"\frac{1}{30}", Q(3, 90) },
        { @"-\frac{1}{2}", Q(-1, 2) },
        // products
        { "2 x y", 2 * X * Y },
        { "-2 x", -2 * X },
        { @"\frac{16 y^{3}}{5}", D("3.2") * Expr.Pow(Y, 3) },
        { @"2 \cdot 3^{x}", 2 * Expr.Pow(3, X) },
        { @"x e^{x}", X * Fn(Exp, X) },
        { @"\sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)", Fn(Sigmoid, X) * (1 - Fn(Sigmoid, X)) },
        // powers
        { "x^{2}", Expr.Pow(X, 2) },
        { @"x^{\frac{2}{3}}", Expr.Pow(X, Q(2, 3)) },
        { @"\sqrt{x}", Expr.Sqrt(X) },
        { @"\frac{1}{\sqrt{x}}", 1 / Expr.Sqrt(X) },
        { @"\left(x + 1\right)^{2}", Expr.Pow(X + 1, 2) },
        { @"\left(-1\right)^{x}", Expr.Pow(-1, X) },
        { @"\left(\frac{2}{3}\right)^{x}", Expr.Pow(Q(2, 3), X) },
        { @"\left(x^{y}\right)^{z}", Expr.Pow(Expr.Pow(X, Y), Z) },
        { "x^{y^{z}}", Expr.Pow(X, Expr.Pow(Y, Z)) },
        { @"\frac{1}{x^{y}}", Expr.Pow(X, -Y) },
        { @"\sin\left(x\right)^{2}", Expr.Pow(Fn(Sin, X), 2) },
        // sums
        { "3 x^{2} + 2 x y + 3 y^{2}", 3 * Expr.Pow(X, 2) + 2 * X * Y + 3 * Expr.Pow(Y, 2) },
        { "1 - x", 1 - X },
        { @"\frac{x^{3}}{6} + \frac{x^{2}}{2} + x + 1", 1 + X + Expr.Pow(X, 2) / 2 + Expr.Pow(X, 3) / 6 },
        // functions and constants
        { "e^{x}", Fn(Exp, X) },
        { @"\sin\left(x\right)", Fn(Sin, X) },
        { @"\log\left(x\right)", Fn(Log, X) },
        { @"\sigma\left(x\right)", Fn(Sigmoid, X) },
        { @"\operatorname{softplus}\left(x\right)", Fn(Softplus, X) },
        { @"\left|x\right|", Fn(Abs, X) },
        { @"g\left(x, y\right)", G(X, Y) },
        { @"\pi", Expr.Pi },
        { "e", Expr.E },
        { @"2 \pi", 2 * Expr.Pi },
        // numbers
        { @"\frac{16}{5}", D("3.2") },
        { "-3", Expr.Number(-3) },
        { @"1 \cdot 10^{-20}", Expr.Float(1e-20) },
        { @"\infty", Expr.Float(double.PositiveInfinity) },
        // symbol names
        { @"\alpha", Expr.Symbol("alpha") },
        { @"\Omega", Expr.Symbol("Omega") },
        { @"\theta", Expr.Symbol("θ") },
        { "x_{1}", Expr.Symbol("x1") },
        { @"\alpha_{12}", Expr.Symbol("alpha12") },
        { "x_{max}", Expr.Symbol("x_max") },
        { @"\beta x_{1}^{2}", Expr.Symbol("beta") * Expr.Pow(Expr.Symbol("x1"), 2) },
        // derivatives of undefined functions
        { @"\frac{d}{dx} g\left(x\right)", Expr.Derivative(G(X), [X]) },
        { @"\frac{d^{2}}{dx^{2}} g\left(x\right)", Expr.Derivative(G(X), [X, X]) },
        { @"\frac{\partial}{\partial x} g\left(x, y\right)", Expr.Derivative(G(X, Y), [X]) },
        { @"\frac{\partial^{2}}{\partial x \partial y} g\left(x, y\right)", Expr.Derivative(G(X, Y), [Y, X]) },
        // names that would print alike, signs, logarithms to a base (issue 10 item 7)
        { @"\mathrm{x1} + x_{1}", Expr.Symbol("x_1") + Expr.Symbol("x1") },
        { "x_{1} + x_{2}", Expr.Symbol("x1") + Expr.Symbol("x2") },
        { "-x", -X },
        { @"\log_{2}\left(x\right)", Fn(Log, X, 2) },
        { @"\frac{3 \log_{10}\left(x\right)}{y}", 3 * Fn(Log, X, 10) / Y },
        { @"\frac{\log\left(x\right)}{\log\left(y\right)}", Fn(Log, X, Y) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Print_Expression_GivesExpectedLatex(string expected, Expr e) =>
        Assert.Equal(expected, LatexPrinter.Print(e));

    [Theory]
    [InlineData("3.2 y^{3}", "3.2y^3")]
    [InlineData("3.2", "16/5")]
    [InlineData(@"\frac{x^{2}}{3} + \frac{x}{2}", "x^2/3 + 0.5x")]
    [InlineData(@"0.25 x^{2} + 0.5 x", "x^2/4 + 0.5x")]
    [InlineData(@"x^{\frac{2}{3}} + 0.5", "x^(2/3) + 0.5")]
    [InlineData(@"1 \cdot 10^{-400} x", "1e-400*x")]
    [InlineData(@"0.5^{x}", "0.5^x")]
    public void Print_DecimalStyle_NumbersAreDecimals(string expected, string input) =>
        Assert.Equal(expected, LatexPrinter.Print(Expr.Parse(input), decimals: true));

    [Fact]
    public void Print_DeeplyNestedExpression_DoesNotOverflowTheStack()
    {
        Expr e = X;
        for (int i = 0; i < 100_000; i++) e = Fn(Sin, e);

        var text = LatexPrinter.Print(e);

        Assert.StartsWith(@"\sin\left(\sin\left(", text);
    }
}
