using Symbolic.Printing;
using static Symbolic.Functions.Functions;

namespace Symbolic.Tests.Printing;

public class InfixPrinterTests
{
    private static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y"), Z = Expr.Symbol("z");

    private static Expr N(long value) => Expr.Number(value);

    private static Expr Q(long numerator, long denominator) => Expr.Number(Rational.Create(numerator, denominator));

    private static Expr D(string text) => Expr.Number(Rational.Parse(text));

    private static Expr Fn(Symbolic.Functions.FunctionDef f, params Expr[] args) => Expr.Call(f, args);

    private static Expr G(params Expr[] args) => Expr.Call(Undefined("g", args.Length), args);

    // (expected text, expression), one printing rule per row.
    public static TheoryData<string, Expr> Cases => new()
    {
        // a sum factor, kept monic (2*(x + 3/2)), shows integer coefficients in the fraction style
        { "y*(2*x + 3)", (2 * X + 3) * Y },
        { "(2*x + 3)^2", Expr.Pow(2 * X + 3, 2) },
        { "(2*x - 3)^2/36", Expr.Pow(X / 3 - Q(1, 2), 2) },
        { "y/(2*x + 3)", Y / (2 * X + 3) },
        { "3*(2*x + 1)*(x^2 + x)^2", Expr.Pow(Expr.Pow(X, 2) + X, 3).Diff(X) },
        { "x^((2*x + 3)^2)", Expr.Pow(X, Expr.Pow(2 * X + 3, 2)) },
        { "(x + 1/2)^100", Expr.Pow(X + Q(1, 2), 100) },
        // a product's minus goes into an odd power of a sum where that removes it
        { "(1 - x)^3", Expr.Pow(1 - X, 3) },
        { "y*(1 - x)^3", Y * Expr.Pow(1 - X, 3) },
        { "(x - 1)^3", -Expr.Pow(1 - X, 3) },
        { "(x - 1)^2", Expr.Pow(1 - X, 2) },
        // sums: descending degree, number last, a positive term first
        { "3*x^2 + 2*x*y + 3*y^2", 3 * Expr.Pow(X, 2) + 2 * X * Y + 3 * Expr.Pow(Y, 2) },
        { "6*x + 2*y", 2 * Y + 6 * X },
        { "x^2 - 9", Expr.Pow(X, 2) - 9 },
        { "x + 1", 1 + X },
        { "1 - x", 1 - X },
        { "y - x", Y - X },
        { "x - y", X - Y },
        { "2*x + y", Y + 2 * X },
        { "-x - y", -X - Y },
        { "-x^2 - 1", -Expr.Pow(X, 2) - 1 },
        { "x - 1/2", X - Q(1, 2) },
        { "1 - sigmoid(x)", 1 - Fn(Sigmoid, X) },
        { "x^3/6 + x^2/2 + x + 1", 1 + X + Expr.Pow(X, 2) / 2 + Expr.Pow(X, 3) / 6 },
        { "x + 1/x", 1 / X + X },
        { "-x^4/8 + x^2/2 + 1", 1 + Expr.Pow(X, 2) / 2 - Expr.Pow(X, 4) / 8 },
        { "x - x^3", X - Expr.Pow(X, 3) },
        { "6*x - 2*a - 2*b", 6 * X - 2 * Expr.Symbol("a") - 2 * Expr.Symbol("b") },
        // products
        { "2*x*y", 2 * Y * X },
        { "-x", -X },
        { "-2*x", -2 * X },
        { "-x^2", -Expr.Pow(X, 2) },
        { "x*exp(x)", Fn(Exp, X) * X },
        { "sigmoid(x)*(1 - sigmoid(x))", Fn(Sigmoid, X) * (1 - Fn(Sigmoid, X)) },
        { "-y*(x + 1)", -Y * (X + 1) },
        { "-2^x", -Expr.Pow(2, X) },
        { "3*2^x", 3 * Expr.Pow(2, X) },
        // quotients
        { "x/3", X / 3 },
        { "2*x/3", 2 * X / 3 },
        { "-x/3", -X / 3 },
        { "x^2/2", Expr.Pow(X, 2) / 2 },
        { "1/x", 1 / X },
        { "1/x^2", 1 / Expr.Pow(X, 2) },
        { "2/x", 2 / X },
        { "x/(2*y)", X / (2 * Y) },
        { "1/(x*y)", 1 / (X * Y) },
        { "exp(-x^2)*sin(x)/(x^2 + 1)", Fn(Exp, -Expr.Pow(X, 2)) * Fn(Sin, X) / (Expr.Pow(X, 2) + 1) },
        { "-1/(x^2 + 1)", -1 / (Expr.Pow(X, 2) + 1) },
        { "1/(x + 1)^2", 1 / Expr.Pow(X + 1, 2) },
        { "1/sqrt(x)", 1 / Expr.Sqrt(X) },
        // a number times a lone sum would be distributed when read back, so these avoid that spelling
        { "x/(x + 1)/2", Expr.Mul(Q(1, 2), X, 1 / (X + 1)) },
        { "-1*(x + 1)/y", Expr.Mul(-1, X + 1, 1 / Y) },
        { "-1*(x + 1)*(y + 1)", Expr.Mul(-1, X + 1, Y + 1) },
        { "-2*(x + 1)/y", Expr.Mul(-2, X + 1, 1 / Y) },
        { "-1/(2*y*(x + 1))", Expr.Mul(Q(-1, 2), 1 / (X + 1), 1 / Y) },
        { "y/sqrt(x)", Y / Expr.Sqrt(X) },
        { "sqrt(2)/2", 1 / Expr.Sqrt(2) },
        { "16*y^3/5", D("3.2") * Expr.Pow(Y, 3) },
        { "x/2", D("0.5") * X },
        { "-x/2", D("-0.5") * X },
        { "1/(2*x)", D("0.5") / X },
        // powers
        { "x^2", Expr.Pow(X, 2) },
        { "sqrt(x)", Expr.Sqrt(X) },
        { "sqrt(x + 1)", Expr.Sqrt(X + 1) },
        { "x^(2/3)", Expr.Pow(X, Q(2, 3)) },
        { "(x + 1)^2", Expr.Pow(X + 1, 2) },
        { "(-1)^x", Expr.Pow(-1, X) },
        { "(-2)^x", Expr.Pow(-2, X) },
        { "2^x", Expr.Pow(2, X) },
        { "1/x^y", Expr.Pow(X, -Y) },
        { "1/x^(2*y)", Expr.Pow(X, -2 * Y) },
        { "(2/3)^x", Expr.Pow(Q(2, 3), X) },
        { "(1/2)^x", Expr.Pow(Q(1, 2), X) },
        { "(x^y)^z", Expr.Pow(Expr.Pow(X, Y), Z) },
        { "x^y^z", Expr.Pow(X, Expr.Pow(Y, Z)) },
        { "(2*x)^y", Expr.Pow(2 * X, Y) },
        { "x^(y + 1)", Expr.Pow(X, Y + 1) },
        { "x^(2*y)", Expr.Pow(X, 2 * Y) },
        { "x^(1/y)", Expr.Pow(X, 1 / Y) },
        { "sin(x)^2", Expr.Pow(Fn(Sin, X), 2) },
        { "exp(x)", Expr.Pow(Expr.E, X) },
        { "pi^x", Expr.Pow(Expr.Pi, X) },
        // numbers
        { "3", N(3) },
        { "-3", N(-3) },
        { "1/30", Q(3, 90) },
        { "16/5", D("3.2") },
        { "-1/30", Q(-1, 30) },
        { "1E-20", Expr.Float(1e-20) },
        { "0.1", Expr.Float(0.1) },
        { "-2.5", Expr.Float(-2.5) },
        { "Infinity", Expr.Float(double.PositiveInfinity) },
        { "-Infinity", Expr.Float(double.NegativeInfinity) },
        { "NaN", Expr.Float(double.NaN) },
        { "x - 2.5", X + Expr.Float(-2.5) },
        // atoms, calls and derivatives
        { "pi", Expr.Pi },
        { "e", Expr.E },
        { "sin(x)", Fn(Sin, X) },
        { "g(x, y)", G(X, Y) },
        { "abs(x)", Fn(Abs, X) },
        { "log(x)/log(2)", Apply("log", [X, N(2)]) },
        { "diff(g(x), x)", Expr.Derivative(G(X), [X]) },
        { "diff(g(x), x, 2)", Expr.Derivative(G(X), [X, X]) },
        { "diff(g(x, y), x, y)", Expr.Derivative(G(X, Y), [Y, X]) },
        { "diff(g(x, y), x, 2, y)", Expr.Derivative(G(X, Y), [X, Y, X]) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Print_Expression_GivesExpectedText(string expected, Expr e) =>
        Assert.Equal(expected, InfixPrinter.Print(e));

    // The decimal style (a statement with decimal literals): every exact non-integer prints as a decimal
    // when all of them terminate within 17 digits, else the whole expression prints as fractions;
    // an exponent prints exactly in either style (a root's index stays a fraction); far from 1, scientific.
    public static TheoryData<string, Expr> DecimalCases => new()
    {
        { "3.2*y^3", D("3.2") * Expr.Pow(Y, 3) },
        { "0.005*x^2", D("0.005") * Expr.Pow(X, 2) },
        { "0.5*x", Q(1, 2) * X },
        { "-0.5*x", D("-0.5") * X },
        { "0.5/x", D("0.5") / X },
        { "x/3", Q(1, 3) * X },
        { "-2*x^2/3", Q(-2, 3) * Expr.Pow(X, 2) },
        { "sqrt(x)", Expr.Pow(X, D("0.5")) },
        { "x^1.5", Expr.Pow(X, D("1.5")) },
        { "1/x^1.5", Expr.Pow(X, D("-1.5")) },
        { "x^(2/3)", Expr.Pow(X, Q(2, 3)) },
        { "0.5^x", Expr.Pow(D("0.5"), X) },
        { "3.2", D("3.2") },
        { "-0.005", D("-0.005") },
        { "1/30", Q(3, 90) },
        { "1/x^(2/3)", Expr.Pow(X, Q(-2, 3)) },
        { "1e-400", D("1e-400") },
        { "-1.5e300*x", D("-1.5e300") * X },
        { "2.5e-7", D("0.00000025") },
        { "0.000001", D("1e-6") },
        { "1234567.125", D("1234567.125") },
        { "1e21", D("1e21") },
        { "100000000000000000000", D("1e20") },
        { "1.267650600228229401496703205376e30", Expr.Pow(N(2), N(100)) },
        { "0.30000000000000004", D("0.30000000000000004") },
        { "1234567890123456789/10000000000000000000", D("0.1234567890123456789") },
        { "12", N(12) },
        { "0.1", Expr.Float(0.1) },
        // a sum factor is kept monic: shown as it is, or with integer coefficients where a monic one has no decimal
        { "y*(x - 1.5)", (X - D("1.5")) * Y },
        { "exp(-(x - 0.1)^2)", Fn(Exp, -Expr.Pow(X - D("0.1"), 2)) },
        { "2*exp(-(x - 0.1)^2)*(0.1 - x)", Expr.Parse("exp(-(x - 0.1)^2)").Diff(X) },
        { "0.5*y*(3*x + 1)", (3 * X + 1) * Y * D("0.5") },
        { "y*(3*x + 1)/6", D("0.5") * (X + Q(1, 3)) * Y },
        { "(3*x + 1)^2/18", Expr.Pow(X + Q(1, 3), 2) * D("0.5") },
    };

    [Theory]
    [MemberData(nameof(DecimalCases))]
    public void Print_DecimalStyle_GivesExpectedText(string expected, Expr e) =>
        Assert.Equal(expected, InfixPrinter.Print(e, decimals: true));

    [Fact]
    public void ToString_IsInfixText() => Assert.Equal("x/(2*y)", (X / (2 * Y)).ToString());

    // Its speed is measured in the benchmarks (PrintBenchmarks.Print4000TermSum, beside a StringBuilder baseline).
    [Fact]
    public void Print_4000TermSum_PrintsEveryTermInOrder()
    {
        var sum = Expr.Add(Enumerable.Range(1, 4000).Select(i => Expr.Number(i) * Expr.Symbol("x" + i)));

        var text = InfixPrinter.Print(sum);

        var expected = "x1 + " + string.Join(" + ", Enumerable.Range(2, 3999).Select(i => $"{i}*x{i}"));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Print_DeeplyNestedExpression_DoesNotOverflowTheStack()
    {
        Expr e = X;
        for (int i = 0; i < 100_000; i++) e = Fn(Sin, e);
        for (int i = 0; i < 50_000; i++) e = Expr.Pow(e + 1, 2);

        var text = InfixPrinter.Print(e);

        Assert.StartsWith("((", text);
        Assert.Contains("sin(sin(sin(x)))", text);
        Assert.EndsWith(" + 1)^2", text);
    }
}
