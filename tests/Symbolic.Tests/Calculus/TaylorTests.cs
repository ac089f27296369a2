using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Language;
using Symbolic.Functions;
using Symbolic.Syntax;
using Symbolic.Tests.Support;
using static Symbolic.Expr;

namespace Symbolic.Tests.Calculus;

public class TaylorTests
{
    private static readonly Symbol X = Symbol("x");
    private static readonly Symbol Y = Symbol("y");
    private static readonly Symbol A = Symbol("a");

    private static Expr P(string text) => Parse(text);

    private static Expr R(long p, long q) => Number(Rational.Create(p, q));

    private static Expr T(string f, Expr point, int order) => Taylor.Expand(P(f), X, point, order);

    private static Expr Fn(FunctionDef f, Expr u) => Call(f, u);

    // ---------------------------------------------------------------- known series at 0

    [Fact]
    public void Exp()
    {
        var expected = One + X + Pow(X, 2) / 2 + Pow(X, 3) / 6 + Pow(X, 4) / 24;
        Assert.Same(expected, T("exp(x)", 0, 4));
    }

    [Fact]
    public void SinAndCos()
    {
        Assert.Same(X - Pow(X, 3) / 6 + Pow(X, 5) / 120 - Pow(X, 7) / 5040, T("sin(x)", 0, 8));
        Assert.Same(One - Pow(X, 2) / 2 + Pow(X, 4) / 24 - Pow(X, 6) / 720, T("cos(x)", 0, 7));
    }

    [Fact]
    public void LogOnePlusX() =>
        Assert.Same(X - Pow(X, 2) / 2 + Pow(X, 3) / 3 - Pow(X, 4) / 4 + Pow(X, 5) / 5, T("log(1 + x)", 0, 5));

    [Fact]
    public void GeometricSeries() =>
        Assert.Same(One + X + Pow(X, 2) + Pow(X, 3) + Pow(X, 4), T("1/(1 - x)", 0, 4));

    [Fact]
    public void SquareRoot() =>
        Assert.Same(One + X / 2 - Pow(X, 2) / 8 + Pow(X, 3) / 16 - 5 * Pow(X, 4) / 128, T("sqrt(1 + x)", 0, 4));

    [Fact]
    public void Atan() =>
        Assert.Same(X - Pow(X, 3) / 3 + Pow(X, 5) / 5 - Pow(X, 7) / 7, T("atan(x)", 0, 8));

    [Fact]
    public void Tan() =>
        Assert.Same(X + Pow(X, 3) / 3 + 2 * Pow(X, 5) / 15 + 17 * Pow(X, 7) / 315, T("tan(x)", 0, 7));

    [Fact]
    public void Sigmoid() =>
        Assert.Same(Expr.Half + X / 4 - Pow(X, 3) / 48 + Pow(X, 5) / 480, T("sigmoid(x)", 0, 5));

    [Fact]
    public void HyperbolicAndInverseFunctions()
    {
        Assert.Same(X + Pow(X, 3) / 6 + Pow(X, 5) / 120, T("sinh(x)", 0, 6));
        Assert.Same(One + Pow(X, 2) / 2 + Pow(X, 4) / 24, T("cosh(x)", 0, 5));
        Assert.Same(X - Pow(X, 3) / 3 + 2 * Pow(X, 5) / 15, T("tanh(x)", 0, 6));
        Assert.Same(X + Pow(X, 3) / 6 + 3 * Pow(X, 5) / 40, T("asin(x)", 0, 6));
        // the core leaves acos(0) unevaluated (it only knows acos(1) = 0)
        Assert.Same(Fn(Functions.Functions.Acos, Zero) - X - Pow(X, 3) / 6, T("acos(x)", 0, 4));
        Assert.Same(Fn(Functions.Functions.Log, 2) + X / 2 + Pow(X, 2) / 8 - Pow(X, 4) / 192, T("softplus(x)", 0, 5));
    }

    // (Its speed is measured in the benchmarks: DerivativeBenchmarks.TaylorExpSin19.)
    [Fact]
    public void ExpOfSinOrder19()
    {
        var t = T("exp(sin(x))", 0, 19);
        // Coefficients computed independently with exact power-series arithmetic (Python fractions).
        Assert.Same(R(3631, 34735100400), Coefficient(t, 19));
        Assert.Same(R(1126610929, 6402373705728000), Coefficient(t, 18));
        Assert.Same(R(-52635599, 20922789888000), Coefficient(t, 16));
        Assert.Same(R(-1, 8), Coefficient(t, 4));
        Assert.Same(Zero, Coefficient(t, 3));
        // All twenty, from the recurrence below, and nothing beyond x^19.
        var expected = ExpOfSinCoefficients(19);
        Assert.Same(Add(expected.Select((c, k) => Number(c) * Pow(X, k))), t);
        Assert.Same(Taylor.ExpandByDifferentiation(P("exp(sin(x))"), [X], [Zero], 19), t);
        // The truncation error at x = 0.3 is about c20 0.3^20 (below 1e-13).
        double at = Interpreter.Evaluate(t, new Dictionary<Symbol, double> { [X] = 0.3 });
        Assert.Equal(Math.Exp(Math.Sin(0.3)), at, 1e-13);
    }

    /// <summary>
    /// Taylor coefficients of f = exp(sin x) at 0 without the library's series code: with
    /// s = sin x = sum s_k x^k, f' = s' f gives n f_n = sum_{k=1..n} k s_k f_{n-k}, f_0 = 1.
    /// </summary>
    private static Rational[] ExpOfSinCoefficients(int order)
    {
        var s = new Rational[order + 1];
        Rational factorial = Rational.One;
        for (int k = 0; k <= order; k++)
        {
            if (k > 0) factorial *= k;
            s[k] = k % 2 == 0 ? Rational.Zero : Rational.Create((k / 2) % 2 == 0 ? 1 : -1, 1) / factorial;
        }
        var f = new Rational[order + 1];
        f[0] = Rational.One;
        for (int n = 1; n <= order; n++)
        {
            var sum = Rational.Zero;
            for (int k = 1; k <= n; k++) sum += (Rational)k * s[k] * f[n - k];
            f[n] = sum / n;
        }
        return f;
    }

    /// <summary>The coefficient of x^k of a polynomial in x, exactly: the k-th derivative at 0 over k!.</summary>
    private static Expr Coefficient(Expr polynomial, int k)
    {
        var d = Substitution.Substitute(Differentiator.Diff(polynomial, X, k), X, Zero);
        var factorial = Rational.One;
        for (int i = 2; i <= k; i++) factorial *= i;
        return d * Number(factorial.Reciprocal());
    }

    [Fact]
    public void OrderZeroAndConstants()
    {
        Assert.Same(One, T("exp(x)", 0, 0));
        Assert.Same(P("y^2 + 1"), T("y^2 + 1", 3, 5));
        Assert.Same(P("x^3"), T("x^3", 0, 3));
        Assert.Same(Zero, T("x^3", 0, 2));
        Assert.Same(P("x^2 + x^3"), T("x^2 + x^3 + x^7", 0, 6));
    }

    // ---------------------------------------------------------------- the two methods agree

    public static TheoryData<string, string, int> Agreement() => new()
    {
        { "exp(x)", "0", 8 }, { "exp(x)", "1", 5 }, { "exp(2x + 1)", "-1/3", 6 },
        { "sin(x)", "pi", 7 }, { "cos(x)", "pi/3", 6 }, { "sin(x)*cos(x)", "1/2", 6 },
        { "tan(x)", "1/4", 6 }, { "tanh(x)", "2", 5 }, { "sinh(x) + cosh(2x)", "0", 7 },
        { "log(x)", "1", 7 }, { "log(1 + x^2)", "0", 8 }, { "log(3 + sin(x))", "1/2", 5 },
        { "1/(2 + x)", "0", 7 }, { "1/(1 - x)^3", "1/2", 5 }, { "(1 + x)^(-5/2)", "0", 6 },
        { "sqrt(4 + x)", "0", 6 }, { "sqrt(2 + x)", "0", 4 }, { "(x^2 + x + 1)^(1/3)", "1", 4 },
        { "atan(x)", "1", 6 }, { "asin(x)", "1/2", 5 }, { "acos(2x)", "0", 5 }, { "atan(exp(x))", "0", 5 },
        { "sigmoid(x)", "0", 9 }, { "sigmoid(2x - 1)", "1/2", 5 }, { "softplus(x)", "0", 7 }, { "softplus(x^2 - x)", "1", 4 },
        { "exp(sin(x))", "0", 12 }, { "sin(exp(x) - 1)", "0", 7 }, { "exp(x)*log(1 + x)", "0", 7 },
        { "x^x", "1", 5 }, { "2^x", "0", 5 }, { "x^(1 + x)", "1", 4 },
        { "abs(x)", "-2", 3 }, { "abs(x^2 - 1)", "0", 4 }, { "relu(x - 1)", "3", 3 }, { "sign(x)*x^3", "1", 4 }, { "step(x)*sin(x)", "1", 5 },
        { "x^5 - 3x^2 + 7", "2", 6 }, { "(x + 1)^10", "0", 4 }, { "x^3*exp(x)", "0", 6 },
        { "sin(x)", "a", 4 }, { "exp(x)", "a", 4 }, { "exp(sin(x))", "a", 4 }, { "1/(1 + x)", "a", 4 },
        { "atan(x)", "a", 4 }, { "log(x)", "a", 4 }, { "sigmoid(x)", "a", 3 }, { "tan(x)", "a", 3 },
        { "exp(k x)", "0", 5 }, { "sin((k + 1) x)", "0", 4 }, { "log(x + k)", "1", 3 },
    };

    [Theory]
    [MemberData(nameof(Agreement))]
    public void SeriesEngineAgreesWithRepeatedDifferentiation(string f, string point, int order)
    {
        var e = P(f);
        var a = P(point);
        var bySeries = Taylor.Expand(e, X, a, order);
        var byDerivatives = Taylor.ExpandByDifferentiation(e, [X], [a], order);
        Assert.Same(byDerivatives, bySeries);
    }

    // ---------------------------------------------------------------- at other points

    [Fact]
    public void ExpAtOne()
    {
        var d = X - 1;
        Assert.Same(E + E * d + E * Pow(d, 2) / 2 + E * Pow(d, 3) / 6, T("exp(x)", 1, 3));
    }

    [Fact]
    public void LogAtOne()
    {
        var d = X - 1;
        Assert.Same(d - Pow(d, 2) / 2 + Pow(d, 3) / 3 - Pow(d, 4) / 4, T("log(x)", 1, 4));
    }

    [Fact]
    public void SinAtPi()
    {
        var d = X - Pi;
        Assert.Same(-d + Pow(d, 3) / 6 - Pow(d, 5) / 120, T("sin(x)", Pi, 6));
    }

    [Fact]
    public void SinAtSymbolicPoint()
    {
        var d = X - A;
        var sin = Fn(Functions.Functions.Sin, A);
        var cos = Fn(Functions.Functions.Cos, A);
        Assert.Same(sin + cos * d - sin * Pow(d, 2) / 2 - cos * Pow(d, 3) / 6, T("sin(x)", A, 3));
    }

    [Fact]
    public void RationalFunctionAtSymbolicPoint()
    {
        // 1/(1+x) about a: Σ (-1)^k (x - a)^k / (1 + a)^(k+1); the powers of (1 + a) stay powers.
        var d = X - A;
        var b = One + A;
        Assert.Same(Pow(b, -1) - Pow(b, -2) * d + Pow(b, -3) * Pow(d, 2), T("1/(1 + x)", A, 2));
    }

    [Fact]
    public void UndefinedFunctionAtSymbolicPoint()
    {
        var g = Call(Functions.Functions.Undefined("g", 1), A);
        var d = X - A;
        var expected = g + Derivative(g, [A]) * d + Derivative(g, [A, A]) * Pow(d, 2) / 2;
        Assert.Same(expected, T("g(x)", A, 2));
    }

    [Fact]
    public void UndefinedFunctionTimesKnownSeriesFallsBack()
    {
        var e = P("g(y) * exp(x)");
        Assert.Same(Taylor.ExpandByDifferentiation(e, [X], [Zero], 4), Taylor.Expand(e, X, 0, 4));
        var g = Call(Functions.Functions.Undefined("g", 1), Y);
        Assert.Same(g + g * X + g * Pow(X, 2) / 2, T("g(y) * exp(x)", 0, 2));
    }

    // ---------------------------------------------------------------- several variables

    [Fact]
    public void QuadraticFormIsItsOwnExpansion()
    {
        var f = P("3x^2 + 2x*y + 3y^2");
        var t = Taylor.Expand(f, [X, Y], [One, One], 2);
        Assert.Same(Expander.Expand(f), Expander.Expand(t));
        // kept in powers of (x - 1) and (y - 1)
        var (dx, dy) = (X - 1, Y - 1);
        Assert.Same(8 + 8 * dx + 8 * dy + 3 * Pow(dx, 2) + 2 * (dx * dy) + 3 * Pow(dy, 2), t);
    }

    [Fact]
    public void ExpTimesSin()
    {
        var t = Taylor.Expand(P("exp(x)*sin(y)"), [X, Y], [Zero, Zero], 3);
        Assert.Same(Y + X * Y + Pow(X, 2) * Y / 2 - Pow(Y, 3) / 6, t);
        Assert.Same(Taylor.ExpandByDifferentiation(P("exp(x)*sin(y)"), [X, Y], [Zero, Zero], 3), t);
    }

    [Theory]
    [InlineData("exp(x*y) + sin(x + 2y)", "1/2", "-1")]
    [InlineData("log(1 + x^2 + y^2)", "1", "2")]
    [InlineData("sigmoid(x - y)*cos(y)", "0", "0")]
    [InlineData("x^3*y + atan(x*y)", "2", "1/3")]
    [InlineData("sqrt(1 + x + y^2)", "0", "1")]
    public void OrderTwoIsValuePlusGradientPlusHalfHessian(string f, string a, string b)
    {
        var e = P(f);
        Symbol[] vars = [X, Y];
        Expr[] point = [P(a), P(b)];
        var at = new Dictionary<Symbol, Expr> { [X] = point[0], [Y] = point[1] };
        var g = Derivatives.Gradient(e, vars).Select(c => Substitution.Substitute(c, at)).ToArray();
        var h = Derivatives.Hessian(e, vars);
        Expr[] d = [X - point[0], Y - point[1]];
        var quadratic = new List<Expr>();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                quadratic.Add(d[i] * Substitution.Substitute(h[i, j], at) * d[j]);
        var expected = Substitution.Substitute(e, at) + g[0] * d[0] + g[1] * d[1] + Expr.Half * Add(quadratic);
        var t = Taylor.Expand(e, vars, point, 2);
        Assert.Same(Expander.Expand(expected), Expander.Expand(t));
        Assert.Same(Taylor.ExpandByDifferentiation(e, vars, point, 2), t);
    }

    [Theory]
    [InlineData("exp(x + 2y)", 4)]
    [InlineData("sin(x)*cos(y) + x*y^3", 5)]
    [InlineData("1/(1 - x - y)", 4)]
    [InlineData("log(1 + x)*exp(y)", 4)]
    public void MultivariateMethodsAgree(string f, int order)
    {
        var e = P(f);
        Assert.Same(Taylor.ExpandByDifferentiation(e, [X, Y], [Zero, Zero], order), Taylor.Expand(e, [X, Y], [Zero, Zero], order));
        Expr[] other = [R(1, 3), R(-1, 4)];
        Assert.Same(Taylor.ExpandByDifferentiation(e, [X, Y], other, order), Taylor.Expand(e, [X, Y], other, order));
    }

    [Fact]
    public void TotalDegreeIsTruncated()
    {
        // 1/(1 - x - y) = Σ (x + y)^k
        var t = Taylor.Expand(P("1/(1 - x - y)"), [X, Y], [Zero, Zero], 3);
        Assert.Same(Expander.Expand(P("1 + (x + y) + (x + y)^2 + (x + y)^3")), t);
    }

    [Fact]
    public void OneVariableInAListIsTheUnivariateCase() =>
        Assert.Same(T("exp(sin(x))", R(1, 2), 4), Taylor.Expand(P("exp(sin(x))"), [X], [R(1, 2)], 4));

    // ---------------------------------------------------------------- errors

    [Theory]
    [InlineData("log(x)", "0", "log(x) has no Taylor expansion at x = 0")]
    [InlineData("1/x", "0", "has no Taylor expansion at x = 0")]
    [InlineData("sin(x)/x^2", "0", "has no Taylor expansion at x = 0")]
    [InlineData("abs(x)", "0", "abs(x) has no Taylor expansion at x = 0")]
    [InlineData("relu(x - 1)", "1", "has no Taylor expansion at x = 1")]
    [InlineData("sqrt(x)", "0", "has no Taylor expansion at x = 0")]
    [InlineData("asin(x)", "1", "has no Taylor expansion at x = 1")]
    [InlineData("x^x", "0", "has no Taylor expansion at x = 0")]
    [InlineData("log(x) + g(x)", "0", "has no Taylor expansion at x = 0")]
    public void NotAnalyticAtThePoint(string f, string point, string message)
    {
        var ex = Assert.Throws<SymbolicException>(() => T(f, P(point), 3));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void EvenPowersUnderRoots()
    {
        Assert.Same(Pow(X, 2), T("sqrt(x^4)", 0, 3));
        Assert.Same(Pow(X, 2) - Pow(X, 4) / 3, T("sqrt(sin(x)^4)", 0, 4));
        Assert.Same(Pow(X, 2) + Pow(X, 3) + Pow(X, 4) / 2, T("sqrt(x^4)*exp(x)", 0, 4));
        Assert.Same(Pow(X, 2), T("abs(x^2)", 0, 3));
        Assert.Same(Zero, T("relu(-x^2)", 0, 3));
    }

    [Theory]
    [InlineData("sqrt(sin(x)^2)")] // |sin x|
    [InlineData("(x^2)^(3/2)")]    // |x|^3
    [InlineData("(x^6)^(-1/3)")]   // x^-2
    [InlineData("sign(x^2)")]      // 0 at 0, 1 next to it
    [InlineData("step(x)")]
    [InlineData("exp(-1/x^2)")]
    public void MoreFunctionsThatAreNotAnalyticAtZero(string f) =>
        Assert.Contains("has no Taylor expansion at x = 0", Assert.Throws<SymbolicException>(() => T(f, 0, 3)).Message);

    [Fact]
    public void LogAtZeroMessage()
    {
        var ex = Assert.Throws<SymbolicException>(() => T("log(x)", 0, 3));
        Assert.Equal("log(x) has no Taylor expansion at x = 0", ex.Message);
    }

    [Fact]
    public void UndefinedFunctionAtANumberCannotBeWritten()
    {
        var ex = Assert.Throws<SymbolicException>(() => T("g(x)", 0, 2));
        Assert.Contains("g(x)", ex.Message);
    }

    [Fact]
    public void BadArguments()
    {
        Assert.Throws<SymbolicException>(() => T("exp(x)", 0, -1));
        Assert.Throws<SymbolicException>(() => Taylor.Expand(P("x*y"), [X, Y], [Zero], 2));
        Assert.Throws<SymbolicException>(() => Taylor.Expand(P("x*y"), [X, X], [Zero, One], 2));
        Assert.Throws<SymbolicException>(() => T("exp(x)", X + 1, 2));
    }

    // ---------------------------------------------------------------- the REPL operation and the library

    [Theory]
    [InlineData("taylor(exp(x), x, 0, 3)", "1 + x + x^2/2 + x^3/6")]
    [InlineData("taylor(3x^2 + 2x*y + 3y^2, [x, y], [0, 0], 2)", "3x^2 + 2x*y + 3y^2")]
    [InlineData("taylor(exp(x)*sin(y), [x, y], [0, 0], 3)", "y + x*y + x^2*y/2 - y^3/6")]
    [InlineData("taylor(sin(x), x, pi, 3)", "-(x - pi) + (x - pi)^3/6")]
    [InlineData("taylor(log(x), x, 1, 2)", "(x - 1) - (x - 1)^2/2")]
    public void ReplOperation(string input, string expected)
    {
        var session = new Session();
        var value = Assert.IsType<ExprValue>(session.Evaluate(input));
        Assert.Same(P(expected), value.Expr);
    }

    [Theory]
    [InlineData("taylor(exp(x), x, 0)", "taylor takes 4 arguments")]
    [InlineData("taylor(exp(x), 2, 0, 3)", "expected a variable")]
    [InlineData("taylor(exp(x), x, 0, -1)", "expected the order")]
    [InlineData("taylor(exp(x), x, 0, 1/2)", "expected the order")]
    [InlineData("taylor(exp(x), x, x + 1, 2)", "must not depend on the variable x")]
    [InlineData("taylor(x*y, [x, y], [0], 2)", "one coordinate per variable")]
    [InlineData("taylor(x*y, [x, y], 0, 2)", "one coordinate per variable")]
    [InlineData("taylor(x*y, [x, 2], [0, 0], 2)", "not a symbol")]
    [InlineData("taylor(log(x), x, 0, 3)", "log(x) has no Taylor expansion at x = 0")]
    public void ReplErrors(string input, string message)
    {
        var ex = Assert.Throws<SymbolicException>(() => new Session().Evaluate(input));
        Assert.Contains(message, ex.Message);
        Assert.NotEqual(default, ex.Span);
    }

    [Fact]
    public void ReplErrorPointsAtTheBadArgument()
    {
        const string input = "taylor(x*y, [x, y], [0], 2)";
        var ex = Assert.Throws<SymbolicException>(() => new Session().Evaluate(input));
        Assert.Equal("[0]", input.Substring(ex.Span.Start, ex.Span.Length));
    }

    [Fact]
    public void LibraryMethod()
    {
        Assert.Same(One + X + Pow(X, 2) / 2, P("exp(x)").Taylor("x", 0, 2));
        Assert.Same(P("(x - 1) - (x - 1)^2/2"), P("log(x)").Taylor("x", One, 2));
    }

    // ---------------------------------------------------------------- numerical property

    private static readonly string[] Smooth =
    [
        "exp(x)", "sin(x)", "cos(x)", "atan(x)", "sigmoid(x)", "log(2 + x)", "1/(2 + x)", "sqrt(4 + x)",
        "exp(sin(x))", "sin(atan(x))", "log(2 + cos(x))", "sqrt(4 + sigmoid(x))", "atan(exp(x))",
        "sigmoid(sin(x))", "1/(2 + exp(x))", "cos(log(2 + x))",
    ];

    private static readonly Expr[] Points = [Zero, R(1, 3), R(-1, 4), R(1, 2)];

    [Fact]
    public void RemainderShrinksLikeTheNextPower()
    {
        var cases =
            from f in Gen.Choose(0, Smooth.Length - 1)
            from p in Gen.Choose(0, Points.Length - 1)
            from n in Gen.Choose(1, 6)
            from h in Gen.Choose(30, 150)
            select (Function: Smooth[f], Point: Points[p], Order: n, Step: h / 1000.0);
        var count = new CaseCount();
        Prop.ForAll(Arb.From(cases), count.Property<(string Function, Expr Point, int Order, double Step)>(c =>
        {
            var e = P(c.Function);
            var a = c.Point;
            double a0 = Interpreter.Evaluate(a, new Dictionary<Symbol, double>());
            double At(Expr g, double x) => Interpreter.Evaluate(g, new Dictionary<Symbol, double> { [X] = x });
            var tn = Taylor.Expand(e, X, a, c.Order);
            var tn1 = Taylor.Expand(e, X, a, c.Order + 1);
            var tn2 = Taylor.Expand(e, X, a, c.Order + 2);
            // the next two coefficients, read off at x = a + 1
            double next = At(tn1, a0 + 1) - At(tn, a0 + 1);
            double after = At(tn2, a0 + 1) - At(tn1, a0 + 1);
            double h = c.Step;
            // Only when the h^(n+1) term dominates the remainder is the ratio 2^(n+1).
            if (Math.Abs(next) < 1e-8 || Math.Abs(after) * h > 0.25 * Math.Abs(next)) return Verdict.Skipped;
            double Error(double step) => At(e, a0 + step) - At(tn, a0 + step);
            double e1 = Error(h), e2 = Error(h / 2);
            if (Math.Abs(e2) < 1e-13) return Verdict.Skipped; // roundoff
            double ratio = e1 / e2 / Math.Pow(2, c.Order + 1);
            return Verdict.Of(ratio is > 0.5 and < 2.0);
        })).Check(Checks.Quick.WithMaxTest(150));
        // The ratio means something only where the next term dominates: about half the cases.
        count.AssertEnough(30, fraction: 0.25);
    }

    [Fact]
    public void RemainderOfKnownSeries()
    {
        // Direct check without the property machinery: exp at 0, n = 3, h = 0.1.
        var t = T("exp(x)", 0, 3);
        double Err(double h) => Math.Exp(h) - Interpreter.Evaluate(t, new Dictionary<Symbol, double> { [X] = h });
        Assert.InRange(Err(0.1) / Err(0.05), 15.0, 17.0);
    }
}
