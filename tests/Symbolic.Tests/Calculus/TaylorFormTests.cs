using FsCheck;
using FsCheck.Fluent;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Language;
using Symbolic.Printing;
using Symbolic.Tests.Support;
using static Symbolic.Expr;

namespace Symbolic.Tests.Calculus;

/// <summary>
/// Issue 10 items 4 and 5: the Taylor polynomial prints in ascending powers of (x - a) and reads back
/// as the same expression; removable singularities expand through; 0^c folds by the sign of c; powers
/// of relu that are flat at the kink differentiate to 0 there.
/// </summary>
public class TaylorFormTests
{
    private static readonly Symbol X = Symbol("x");
    private static readonly Symbol Y = Symbol("y");

    private static Expr P(string text) => Parse(text);

    private static double At(Expr e, double x) => Interpreter.Evaluate(e, new Dictionary<Symbol, double> { [X] = x });

    // ---------------------------------------------------------------- the printed form

    [Theory]
    [InlineData("log(x)", "1", 4, "(x - 1) - (x - 1)^2/2 + (x - 1)^3/3 - (x - 1)^4/4")]
    [InlineData("sqrt(x)", "4", 2, "2 + (x - 4)/4 - (x - 4)^2/64")]
    [InlineData("sin(x)", "pi/2", 4, "1 - (x - pi/2)^2/2 + (x - pi/2)^4/24")]
    [InlineData("x^2", "1/2", 2, "1/4 + (x - 1/2) + (x - 1/2)^2")]
    [InlineData("exp(x)", "0", 4, "1 + x + x^2/2 + x^3/6 + x^4/24")]
    [InlineData("cos(x)", "0", 4, "1 - x^2/2 + x^4/24")]
    [InlineData("sin(x)", "pi", 3, "-(x - pi) + (x - pi)^3/6")]
    [InlineData("x^3", "2", 3, "8 + 12*(x - 2) + 6*(x - 2)^2 + (x - 2)^3")]
    [InlineData("exp(x)", "-1", 2, "exp(-1) + exp(-1)*(x + 1) + exp(-1)*(x + 1)^2/2")]
    [InlineData("sin(x)", "a", 3, "sin(a) + cos(a)*(x - a) - sin(a)*(x - a)^2/2 - cos(a)*(x - a)^3/6")]
    [InlineData("exp(x)/a", "1", 1, "e/a + e*(x - 1)/a")]
    [InlineData("exp(b*x)", "1", 1, "exp(b) + b*exp(b)*(x - 1)")]
    [InlineData("sin(x)/x", "0", 4, "1 - x^2/6 + x^4/120")]
    [InlineData("5", "0", 3, "5")]
    [InlineData("x - 1", "1", 3, "x - 1")]
    [InlineData("1 - x", "1", 3, "-(x - 1)")]
    [InlineData("x - x", "0", 3, "0")]
    public void PrintsInAscendingPowersOfTheShift(string f, string point, int order, string expected)
    {
        var t = Taylor.Polynomial(P(f), X, P(point), order);
        Assert.Equal(expected, t.ToString());
        Assert.Same(t.Value, P(expected));
        Assert.Same(Taylor.Expand(P(f), X, P(point), order), t.Value);
    }

    [Theory]
    [InlineData("exp(x)*sin(y)", "0", "0", 3, "y + x*y + x^2*y/2 - y^3/6")]
    [InlineData("exp(x + y)", "1", "2", 2,
        "exp(3) + exp(3)*(x - 1) + exp(3)*(y - 2) + exp(3)*(x - 1)^2/2 + exp(3)*(x - 1)*(y - 2) + exp(3)*(y - 2)^2/2")]
    [InlineData("x^2*y", "1", "-1", 3, "-1 - 2*(x - 1) + (y + 1) - (x - 1)^2 + 2*(x - 1)*(y + 1) + (x - 1)^2*(y + 1)")]
    [InlineData("exp(-x)*y", "1", "2", 2,
        "2*exp(-1) - 2*exp(-1)*(x - 1) + exp(-1)*(y - 2) + exp(-1)*(x - 1)^2 - exp(-1)*(x - 1)*(y - 2)")]
    [InlineData("x*y", "1", "2", 2, "2 + 2*(x - 1) + (y - 2) + (x - 1)*(y - 2)")]
    [InlineData("-(x - 1)*(y - 2)", "1", "2", 2, "-1*(x - 1)*(y - 2)")]
    [InlineData("exp(x + y)", "0", "1", 2, "e + e*x + e*(y - 1) + e*x^2/2 + e*x*(y - 1) + e*(y - 1)^2/2")]
    public void SeveralVariablesGroupByTotalDegree(string f, string a, string b, int order, string expected)
    {
        var t = Taylor.Polynomial(P(f), [X, Y], [P(a), P(b)], order);
        Assert.Equal(expected, t.ToString());
        Assert.Same(t.Value, P(expected));
        var degrees = t.Terms.Select(term => term.Degree).ToList();
        Assert.Equal(degrees.Order(), degrees);
    }

    [Fact]
    public void DecimalStyle_KeepsTheOrder_InOneStylePerPolynomial()
    {
        // 1/6000 has no short decimal, so the whole polynomial prints as fractions (one style per result)
        var t = Taylor.Polynomial(P("exp(0.1*x)"), X, Zero, 3);
        Assert.Equal("1 + x/10 + x^2/200 + x^3/6000", t.Print(decimals: true));
        Assert.Same(t.Value, P(t.Print(decimals: true)));
        var half = Taylor.Polynomial(P("exp(0.5*x)"), X, Zero, 2);
        Assert.Equal("1 + 0.5*x + 0.125*x^2", half.Print(decimals: true));
        Assert.Same(half.Value, P(half.Print(decimals: true)));
    }

    private static readonly string[] Functions =
    [
        "exp(x)", "sin(x)", "cos(x)", "log(x)", "sqrt(x)", "atan(x)", "sigmoid(x)", "1/x", "x^3 - 2x", "exp(sin(x))",
        "x*exp(-x)", "tan(x)", "log(x)^2", "sqrt(x)*cos(x)", "1/(1 + x^2)", "softplus(x)", "exp(x)/x", "sin(x)/x",
        "exp(a*x)", "sin(x + a)", "x^2/a", "(1 - cos(x))/x^2", "0.3*x^2 + 0.25",
    ];

    private static readonly string[] Points = ["1", "2", "-1/2", "1/3", "pi/2", "pi/4", "3/2", "b", "0.5", "e"];

    // The layout is the text shown; it must read back as the same interned expression without the
    // ordinary printer's help (TaylorPolynomial.Print falls back to it only as a safety net).
    [Fact]
    public void LayoutReadsBackAsTheSameExpression()
    {
        var cases =
            from f in Gen.Elements(Functions)
            from a in Gen.Elements(Points)
            from n in Gen.Choose(0, 5)
            from decimals in Gen.Elements(false, true)
            select (Function: f, Point: a, Order: n, Decimals: decimals);
        var count = new CaseCount();
        Prop.ForAll(Arb.From(cases), count.Property<(string Function, string Point, int Order, bool Decimals)>(c =>
        {
            TaylorPolynomial t;
            try
            {
                t = Taylor.Polynomial(P(c.Function), X, P(c.Point), c.Order);
            }
            catch (SymbolicException)
            {
                return Verdict.Skipped; // not analytic there (log(x) at -1/2 is fine, 1/x at 0 is not)
            }
            var text = Layout(t, c.Decimals);
            return Verdict.Of(ReferenceEquals(P(text), t.Value) && text == t.Print(c.Decimals));
        })).Check(Checks.Quick.WithMaxTest(300));
        count.AssertEnough(200, fraction: 0.7);
    }

    [Fact]
    public void MultivariateLayoutReadsBack()
    {
        string[] functions = ["exp(x)*sin(y)", "x^2*y - y", "exp(x - y)", "sqrt(x + y)", "log(x*y)", "x/y", "sin(x*y)", "atan(y/x)"];
        string[] points = ["1", "2", "-1", "1/2", "pi/3", "c"];
        var cases =
            from f in Gen.Elements(functions)
            from a in Gen.Elements(points)
            from b in Gen.Elements(points)
            from n in Gen.Choose(0, 3)
            select (Function: f, A: a, B: b, Order: n);
        var count = new CaseCount();
        Prop.ForAll(Arb.From(cases), count.Property<(string Function, string A, string B, int Order)>(c =>
        {
            TaylorPolynomial t;
            try
            {
                t = Taylor.Polynomial(P(c.Function), [X, Y], [P(c.A), P(c.B)], c.Order);
            }
            catch (SymbolicException)
            {
                return Verdict.Skipped; // sqrt(x + y) at (-1, 1)
            }
            var text = Layout(t, decimals: false);
            return Verdict.Of(ReferenceEquals(P(text), t.Value) && text == t.ToString());
        })).Check(Checks.Quick.WithMaxTest(150));
        count.AssertEnough(100, fraction: 0.8);
    }

    private static string Layout(TaylorPolynomial t, bool decimals) =>
        TaylorPrinter.Print(t.Variables, t.Point, t.Terms.Select(term => ((IReadOnlyList<int>)term.Exponents, term.Coefficient)).ToList(), decimals);

    [Fact]
    public void TheValueIsAnOrdinaryExpression()
    {
        var session = new Session();
        Assert.All(session.Execute("t = taylor(log(x), x, 1, 3)"), outcome => Assert.Null(outcome.Error));
        var t = Assert.IsType<ExprValue>(session.Evaluate("t"));
        Assert.Equal("(x - 1) - (x - 1)^2/2 + (x - 1)^3/3", t.Display());
        Assert.NotNull(t.Taylor);
        // what is computed from it prints as any expression does, and agrees with log's derivatives
        var d = Assert.IsType<ExprValue>(session.Evaluate("diff(t, x)"));
        Assert.Null(d.Taylor);
        Assert.Same(P("1 - (x - 1) + (x - 1)^2"), d.Expr);
        Assert.Same(P("5/6"), Assert.IsType<ExprValue>(session.Evaluate("subs(t, x = 2)")).Expr);
    }

    // ---------------------------------------------------------------- removable singularities

    [Theory]
    [InlineData("sin(x)/x", "0", 4, "1 - x^2/6 + x^4/120")]
    [InlineData("(1 - cos(x))/x^2", "0", 4, "1/2 - x^2/24 + x^4/720")]
    [InlineData("x/sin(x)", "0", 4, "1 + x^2/6 + 7*x^4/360")]
    [InlineData("(x^2 - 1)/(x - 1)", "1", 3, "x + 1")]
    [InlineData("(exp(x) - 1)/x", "0", 3, "1 + x/2 + x^2/6 + x^3/24")]
    [InlineData("sin(x)^2/x^2", "0", 4, "1 - x^2/3 + 2*x^4/45")]
    [InlineData("x^2/(1 - cos(x))", "0", 2, "2 + x^2/6")]
    [InlineData("sin(a*x)/x", "0", 2, "a - a^3*x^2/6")]
    [InlineData("sin(x)/x", "0", 0, "1")]
    [InlineData("exp(sin(x)/x)", "0", 2, "e - e*x^2/6")]
    [InlineData("1/x - 1/sin(x)", "0", 3, "-x/6 - 7*x^3/360")]
    [InlineData("1/(exp(x) - 1) - 1/x", "0", 3, "-1/2 + x/12 - x^3/720")]
    [InlineData("1/x^2 - 1/sin(x)^2", "0", 2, "-1/3 - x^2/15")]
    [InlineData("cos(x)/sin(x) - 1/x", "0", 3, "-x/3 - x^3/45")]
    [InlineData("x/(exp(x) - 1)", "0", 4, "1 - x/2 + x^2/12 - x^4/720")]
    public void RemovableSingularities(string f, string point, int order, string expected) =>
        Assert.Same(P(expected), Taylor.Expand(P(f), X, P(point), order));

    [Theory]
    [InlineData("sin(x)/x^2")]
    [InlineData("cos(x)/x")]
    [InlineData("1/(x*sin(x))")]
    [InlineData("(a + x)/x")]
    [InlineData("1/x + 1")]
    [InlineData("1/x - 1/(2*sin(x))")]
    public void PolesThatDoNotCancelAreStillErrors(string f) =>
        Assert.Contains("has no Taylor expansion at x = 0",
            Assert.Throws<SymbolicException>(() => Taylor.Expand(P(f), X, Zero, 3)).Message);

    private static readonly (string Function, double Point)[] Removable =
    [
        ("sin(x)/x", 0), ("(1 - cos(x))/x^2", 0), ("x/sin(x)", 0), ("(exp(x) - 1)/x", 0), ("tan(x)/x", 0),
        ("log(x)/(x - 1)", 1), ("sin(x - 2)/(x - 2)", 2), ("(x^3 - 8)/(x - 2)", 2), ("x^2/(1 - cos(x))", 0),
        ("sinh(x)*x/(exp(x) - 1)^2", 0), ("(sqrt(1 + x) - 1)/x", 0), ("atan(x)^2/(x*sin(x))", 0),
        ("1/x - 1/sin(x)", 0), ("1/(exp(x) - 1) - 1/x", 0), ("1/x^2 - 1/sin(x)^2", 0), ("1/log(x) - 1/(x - 1)", 1),
    ];

    // The polynomial agrees with the function near the point to the next order: the error shrinks by
    // at least about 2^(n+1) when the step halves (exactly that where the next coefficient is not 0).
    [Fact]
    public void RemovableSingularitiesMatchTheFunctionToTheOrder()
    {
        var cases =
            from i in Gen.Choose(0, Removable.Length - 1)
            from n in Gen.Choose(0, 5)
            from h in Gen.Choose(50, 200)
            select (Index: i, Order: n, Step: h / 1000.0);
        var count = new CaseCount();
        Prop.ForAll(Arb.From(cases), count.Property<(int Index, int Order, double Step)>(c =>
        {
            var (f, a) = Removable[c.Index];
            var e = P(f);
            var t = Taylor.Expand(e, X, Expr.Parse(a.ToString(System.Globalization.CultureInfo.InvariantCulture)), c.Order);
            double Error(double step) => At(e, a + step) - At(t, a + step);
            double e1 = Error(c.Step), e2 = Error(c.Step / 2);
            if (Math.Abs(e2) < 1e-9) return Verdict.Skipped; // within the roundoff of a quotient that cancels
            double ratio = e1 / e2 / Math.Pow(2, c.Order + 1);
            return Verdict.Of(ratio > 0.6);
        })).Check(Checks.Quick.WithMaxTest(150));
        count.AssertEnough(60, fraction: 0.4);
    }

    // Each coefficient against a numeric one: c_k = f^(k)(a)/k!, the derivatives taken exactly and
    // evaluated next to the point from both sides (the singular point itself has no value).
    [Theory]
    [InlineData("sin(x)/x", 0.0)]
    [InlineData("x/sin(x)", 0.0)]
    [InlineData("(1 - cos(x))/x^2", 0.0)]
    [InlineData("log(x)/(x - 1)", 1.0)]
    public void CoefficientsAreTheDerivativesAtThePoint(string f, double a)
    {
        var e = P(f);
        var t = Taylor.Polynomial(e, X, Expr.Parse(a.ToString(System.Globalization.CultureInfo.InvariantCulture)), 4);
        var derivative = e;
        double factorial = 1;
        for (int k = 0; k <= 4; k++)
        {
            if (k > 0)
            {
                derivative = Differentiator.Diff(derivative, X);
                factorial *= k;
            }
            // the mean of the two sides, with its h^2 error extrapolated away
            double Mean(double h) => (At(derivative, a + h) + At(derivative, a - h)) / 2;
            double numeric = (4 * Mean(0.02) - Mean(0.04)) / 3 / factorial;
            var term = t.Terms.FirstOrDefault(term => term.Exponents[0] == k);
            double exact = term is null ? 0 : Interpreter.Evaluate(term.Coefficient, new Dictionary<Symbol, double>());
            Assert.True(Math.Abs(numeric - exact) < 1e-5, $"{f}: c_{k} = {exact}, numerically {numeric}");
        }
    }

    // ---------------------------------------------------------------- 0^c

    [Theory]
    [InlineData("0^pi", "0")]
    [InlineData("0^e", "0")]
    [InlineData("0^sqrt(2)", "0")]
    [InlineData("0^(pi - 3)", "0")]
    [InlineData("0^sin(1)", "0")]
    [InlineData("0^log(6)", "0")]
    [InlineData("0^(1/2)", "0")]
    public void ZeroToAPositiveConstantIsZero(string input, string expected) => Assert.Same(P(expected), P(input));

    [Theory]
    [InlineData("0^log(1/6)")]
    [InlineData("0^tan(3)")]
    [InlineData("0^(2 - pi)")]
    [InlineData("0^(-sqrt(2))")]
    [InlineData("0^(-1/2)")]
    public void ZeroToANegativeConstantIsADivisionByZero(string input) =>
        Assert.Contains("division by zero", Assert.Throws<SymbolicException>(() => P(input)).Message);

    [Fact]
    public void ZeroToASymbolicPowerStays()
    {
        var e = P("0^x");
        Assert.IsType<Pow>(e);
        Assert.Same(Zero, Substitute(e, X, P("pi")));
        Assert.Throws<SymbolicException>(() => Substitute(e, X, P("-pi")));
    }

    private static Expr Substitute(Expr e, Symbol x, Expr v) => Symbolic.Algebra.Substitution.Substitute(e, x, v);

    // ---------------------------------------------------------------- flat at a kink

    [Theory]
    [InlineData("sqrt(relu(x))", 0.5)]
    [InlineData("relu(x)^(1/4)", 0.25)]
    [InlineData("relu(x)^(3/4)", 0.75)]
    [InlineData("relu(x)^(1/3)", 1.0 / 3)]
    public void FlatPowersOfReluDifferentiateToZeroAtTheKink(string f, double alpha)
    {
        var e = P(f);
        var d = Differentiator.Diff(e, X);
        Assert.Equal(0.0, At(d, 0));
        Assert.Equal(0.0, At(d, -1.5));
        Assert.Equal(0.0, At(Differentiator.Diff(d, X), 0));
        Assert.Equal(0.0, d.Compile("x").Value([0.0]));
        foreach (var x in new[] { 1e-6, 0.01, 0.3, 2.0, 17.0 })
            Assert.Equal(alpha * Math.Pow(x, alpha - 1), At(d, x), 1e-9 * Math.Max(1, alpha * Math.Pow(x, alpha - 1)));
        // against finite differences away from the kink
        foreach (var x in new[] { -2.0, -0.7, 0.4, 1.3, 5.0 })
            Assert.False(FiniteDifference.Compare(e, X, d, new Dictionary<Symbol, double> { [X] = x }).IsFailed, $"{f} at {x}");
    }

    [Fact]
    public void OtherPowersOfReluKeepThePlainPowerRule()
    {
        Assert.Same(P("2*relu(x)*step(x)"), Differentiator.Diff(P("relu(x)^2"), X));
        Assert.Same(P("-step(x)/relu(x)^2"), Differentiator.Diff(P("1/relu(x)"), X));
        Assert.Same(P("3*sqrt(relu(x))*step(x)/2"), Differentiator.Diff(P("relu(x)^(3/2)"), X));
    }
}
