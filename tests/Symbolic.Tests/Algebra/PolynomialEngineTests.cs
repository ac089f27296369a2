using System.Numerics;
using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Linear;

namespace Symbolic.Tests.Algebra;

/// <summary>The polynomial engine behind expand, series products and symbolic determinants, and the budgets
/// of the compute context it checks (limits are checked by their codes and messages, never by wall time).
/// The class runs alone: its 125,751-term expansions would otherwise compete with timing-sensitive tests.</summary>
[Collection(nameof(PolynomialEngineTests))]
public class PolynomialEngineTests
{
    private static readonly Symbol X = Expr.Symbol("x");

    private static Expr P(string text) => Expr.Parse(text);

    /// <summary>Expansion the slow way: distribute one factor at a time through the canonicalizing factories.</summary>
    private static Expr Reference(Expr e) => e switch
    {
        Add a => Expr.Add(a.Terms.Select(Reference)),
        Mul m => m.Factors.Select(Reference).Aggregate((Expr)Expr.One, (acc, f) => Times(acc, f)),
        Pow { Base: Add, Exponent: Number { IsInteger: true } n } p when n.Exact.Sign > 0 =>
            Enumerable.Repeat(Reference(p.Base), (int)n.Exact.Numerator).Aggregate((Expr)Expr.One, (acc, f) => Times(acc, f)),
        _ => e,
    };

    private static Expr Times(Expr a, Expr b)
    {
        var left = a is Add sa ? sa.Terms.ToArray() : [a];
        var right = b is Add sb ? sb.Terms.ToArray() : [b];
        return Expr.Add(left.SelectMany(t => right.Select(u => Expr.Mul(t, u))));
    }

    [Theory]
    [InlineData("(x + y)^7")]
    [InlineData("(x - 2*y + 3)^5")]
    [InlineData("(x/2 + y/3 - 1/5)^4")]
    [InlineData("(a + b + c + d)^6")]
    [InlineData("(1 + x + x^2)^6")]
    [InlineData("(x^2 - x*y + y^3)^4")]
    [InlineData("(sin(x) + cos(x) + pi)^3")]
    [InlineData("(sqrt(2) + x)^5")]
    [InlineData("(sqrt(x) + 1)^4")]
    [InlineData("(exp(x) + exp(y) + 1)^3")]
    [InlineData("(x + 1)^3*(y - 1)^2*(x - y)")]
    [InlineData("(a + b)*(a - b)*(c + 2)")]
    [InlineData("(x + 1/(1 + y))^3")]
    [InlineData("(f(x) + g(x) - 1)^4")]
    [InlineData("(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10)^3")]
    [InlineData("(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15 + x16 + x17 + x18 + x19 + x20 + x21 + x22 + x23 + x24 + x25 + x26 + x27 + x28 + x29 + x30 + x31 + x32 + x33 + x34)^2")] // 34 atoms of 2 bits: monomials in 128 bits
    [InlineData("(a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23 + a24)*(b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11 + b12 + b13 + b14 + b15 + b16 + b17 + b18 + b19 + b20 + b21 + b22 + b23 + b24)*(c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15 + c16 + c17 + c18 + c19 + c20 + c21 + c22 + c23 + c24 + 1)")] // 72 atoms of 1 bit
    public void ExpandAgreesWithDistributingThroughTheFactories(string text)
    {
        var e = P(text);
        Assert.Same(Reference(e), Expander.Expand(e));
    }

    [Fact]
    public void RandomProductsAndPowersAgreeWithTheFactories()
    {
        // Mixed atoms (symbols, a constant, calls, names that sort by digit value) and signed rational
        // coefficients: the engine's canonical order must be the factories' order in every case.
        string[] atoms = ["x", "y", "z2", "z10", "pi", "sin(x)", "g(y)", "x^2", "y^3"];
        var rnd = new Random(6);
        int compared = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            string Sum()
            {
                int n = rnd.Next(2, 5);
                return "(" + string.Join(" + ", Enumerable.Range(0, n).Select(_ =>
                    $"({rnd.Next(-3, 4)}/{rnd.Next(1, 3)})*{atoms[rnd.Next(atoms.Length)]}" + (rnd.Next(3) == 0 ? $"*{atoms[rnd.Next(atoms.Length)]}" : ""))) + (rnd.Next(2) == 0 ? " + 1" : "") + ")";
            }
            var text = rnd.Next(2) == 0 ? $"{Sum()}^{rnd.Next(2, 6)}" : $"{Sum()}*{Sum()}*{Sum()}";
            var e = P(text);
            Assert.Same(Reference(e), Expander.Expand(e));
            compared++;
        }
        Assert.Equal(200, compared);
    }

    [Theory]
    [InlineData("(x + y + z + w)^30", 5_456)]
    [InlineData("(x + y)^1001", 1_002)] // once beyond a hard-coded cap of 1000 and left alone
    public void PowersOfSumsHaveTheMultinomialTermCount(string text, int terms)
    {
        var expanded = Assert.IsType<Add>(Expander.Expand(P(text)));
        Assert.Equal(terms, expanded.Terms.Length);
        // Built in canonical order directly: collecting the terms again gives the very same node.
        Assert.Same(expanded, Expr.Add(expanded.Terms));
    }

    [Fact]
    public void ThreeVariablesToThe500th()
    {
        var expanded = Assert.IsType<Add>(Expander.Expand(P("(x + y + z)^500")));
        Assert.Equal(125_751, expanded.Terms.Length);
        Assert.Same(expanded, Expr.Add(expanded.Terms));
        Assert.Contains(Expr.Pow(X, Expr.Number(500)), expanded.Terms);
        Assert.Contains(P("500*x^499*y"), expanded.Terms);
        // 500!/(167! 167! 166!) for x^167 y^167 z^166
        var c = Factorial(500) / (Factorial(167) * Factorial(167) * Factorial(166));
        Assert.Contains(Expr.Mul(Expr.Number(c), P("x^167*y^167*z^166")), expanded.Terms);
    }

    private static BigInteger Factorial(int n)
    {
        var r = BigInteger.One;
        for (int i = 2; i <= n; i++) r *= i;
        return r;
    }

    [Fact]
    public void DecimalCoefficientsStillExpand()
    {
        var expanded = Expander.Expand(P("(x + 0.5)^2"));
        Assert.Equal("x^2 + x + 0.25", Symbolic.Printing.InfixPrinter.Print(expanded, decimals: true));
        Assert.Equal("x^2 + x + 1/4", expanded.ToString()); // a number's identity is its value
    }

    // ------------------------------------------------------------------ budgets

    private static SymbolicException Limited(ComputeLimits limits, Action action)
    {
        using (new ComputeContext(limits).Enter())
            return Assert.Throws<SymbolicException>(action);
    }

    [Fact]
    public void ExpandCountsTermsBeforeExpanding()
    {
        var ex = Limited(ComputeLimits.Default with { MaxTerms = 100_000 }, () => Expander.Expand(P("(x + y + z)^500")));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
        Assert.True(ex.IsLimit);
        Assert.Equal("expression too large: expand would produce 125,751 terms (limit 100,000)", ex.Message);
    }

    [Fact]
    public void ProductsAreCountedToo()
    {
        var ex = Limited(ComputeLimits.Default with { MaxTerms = 50 }, () => Expander.Expand(P("(a + b + c + d + e)*(x + y + z + w + v)*(p + q + r)")));
        Assert.Equal("expression too large: expand would produce 75 terms (limit 50)", ex.Message);
    }

    [Fact]
    public void HugeCoefficientsAreRefusedBeforeExpanding()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expander.Expand(P("(x + y)^100000")));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
        Assert.StartsWith("expression too large: expand would produce 100,001 terms", ex.Message);
    }

    [Fact]
    public void DegreeIsABudget()
    {
        var ex = Limited(ComputeLimits.Default with { MaxPolynomialDegree = 100 }, () => Expander.Expand(P("(x + 1)^101")));
        Assert.Equal("expression too large: expand would produce degree 101 in x (limit 100)", ex.Message);
    }

    [Fact]
    public void CancelledTokenStopsExpand()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using (new ComputeContext(cancellation: cts.Token).Enter())
        {
            var ex = Assert.Throws<SymbolicException>(() => Expander.Expand(P("(x + y + z)^100")));
            Assert.Equal(ErrorCodes.Cancelled, ex.Code);
        }
    }

    [Fact]
    public void PassedDeadlineStopsExpandAndDeterminants()
    {
        using (new ComputeContext(timeout: TimeSpan.FromTicks(1)).Enter())
        {
            Thread.Sleep(1); // the deadline has passed before the work starts
            Assert.Equal(ErrorCodes.TimedOut, Assert.Throws<SymbolicException>(() => Expander.Expand(P("(x + y)^3"))).Code);
            var m = ExprMatrix.Create(3, 3, (i, j) => Expr.Symbol($"a{i}{j}"));
            Assert.Equal(ErrorCodes.TimedOut, Assert.Throws<SymbolicException>(() => LinearAlgebra.Determinant(m)).Code);
        }
    }

    [Fact]
    public void CancelledTokenStopsASeriesRatherThanFallingBack()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using (new ComputeContext(cancellation: cts.Token).Enter())
        {
            var ex = Assert.Throws<SymbolicException>(() => Taylor.Expand(P("exp(sin(x))"), X, Expr.Zero, 10));
            Assert.Equal(ErrorCodes.Cancelled, ex.Code);
        }
    }

    [Fact]
    public void CancelledTokenStopsTheGradientOfAHugeSum()
    {
        // 2,000 distinct terms: the differentiator checks the context every 256 distinct nodes
        var sum = Expr.Add(Enumerable.Range(1, 2000).Select(i => Expr.Call(Functions.Functions.Sin, Expr.Number(i) * X) * Expr.Symbol("y")));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using (new ComputeContext(cancellation: cts.Token).Enter())
        {
            Assert.Equal(ErrorCodes.Cancelled, Assert.Throws<SymbolicException>(() => Symbolic.Calculus.Differentiator.Diff(sum, X)).Code);
            Assert.Equal(ErrorCodes.Cancelled, Assert.Throws<SymbolicException>(() => Symbolic.Calculus.Derivatives.Gradient(sum, [X])).Code);
        }
    }

    [Fact]
    public void TaylorOrderIsABudget()
    {
        var ex = Assert.Throws<SymbolicException>(() => Taylor.Expand(P("exp(x)"), X, Expr.Zero, 100_000));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
        Assert.Equal("series order too large: taylor of order 100,000 (limit 2,000)", ex.Message);
        var small = Limited(ComputeLimits.Default with { MaxSeriesOrder = 10 }, () => Taylor.Expand(P("exp(x)"), X, Expr.Zero, 11));
        Assert.Equal(ErrorCodes.LimitExceeded, small.Code);
    }

    [Fact]
    public void HugeExactPowerIsRefusedWithADigitsLimit()
    {
        var ex = Assert.Throws<SymbolicException>(() => P("2^(10^9)"));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
        Assert.Equal("number too large: 2^1000000000 would have about 301,029,996 digits (limit 1,000,000)", ex.Message);
        var small = Limited(ComputeLimits.Default with { MaxNumberDigits = 10 }, () => P("3^100"));
        Assert.Equal(ErrorCodes.LimitExceeded, small.Code);
        Assert.Same(Expr.Zero, P("(-1)^1000000001 + 1^(10^12)"));
        var literal = Assert.Throws<SymbolicException>(() => P("1e1000000000"));
        Assert.Equal(ErrorCodes.LimitExceeded, literal.Code);
        Assert.Equal("number too large: 1e1000000000 would have about 1,000,000,001 digits (limit 1,000,000)", literal.Message);
    }

    [Fact]
    public void MatrixPowersBySquaring()
    {
        var shear = ExprMatrix.FromArray(new Expr[,] { { 1, 1 }, { 0, 1 } });
        Assert.Same(Expr.Number(100_000_000), LinearAlgebra.Power(shear, 100_000_000)[0, 1]);
        var identity = ExprMatrix.Identity(2);
        var power = LinearAlgebra.Power(identity, BigInteger.Pow(10, 10));
        Assert.Same(Expr.One, power[0, 0]);
        Assert.Same(Expr.Zero, power[0, 1]);
        var doubling = ExprMatrix.FromArray(new Expr[,] { { 2, 0 }, { 0, 1 } });
        var ex = Assert.Throws<SymbolicException>(() => LinearAlgebra.Power(doubling, BigInteger.Pow(10, 10)));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
    }

    [Fact]
    public void SymbolicDeterminantIsBudgeted()
    {
        var m = ExprMatrix.Create(6, 6, (i, j) => Expr.Symbol($"a{i}{j}"));
        var ex = Limited(ComputeLimits.Default with { MaxTerms = 100 }, () => LinearAlgebra.Determinant(m));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
        Assert.Equal(720, ((Add)LinearAlgebra.Determinant(m)).Terms.Length);
    }

    [Fact]
    public void ExactMatrixSizeIsABudget()
    {
        var m = ExprMatrix.Create(4, 4, (i, j) => Expr.Number(i == j ? 2 : 1));
        var ex = Limited(ComputeLimits.Default with { MaxMatrixSize = 3 }, () => LinearAlgebra.Determinant(m));
        Assert.Equal("matrix too large: exact linear algebra on a 4x4 matrix (limit 3x3)", ex.Message);
        Assert.Same(Expr.Number(5), LinearAlgebra.Determinant(m));
    }

    [Fact]
    public void SymbolicDeterminantWithFloatsGoesThroughExpressions()
    {
        var x = Expr.Symbol("x");
        var m = ExprMatrix.FromArray(new Expr[,] { { x, Expr.Float(0.5) }, { Expr.Float(2), x } });
        var det = Assert.IsType<Add>(LinearAlgebra.Determinant(m));
        Assert.Contains(Expr.Pow(x, Expr.Two), det.Terms);
        Assert.Contains(det.Terms, t => t is Number { IsExact: false } n && n.Value == -1);
    }

    // ------------------------------------------------------------------ elimination and square roots

    [Fact]
    public void SolveExactAndFloatingPoint()
    {
        var a = ExprMatrix.FromArray(new Expr[,] { { 2, 1 }, { 1, 3 } });
        var b = ExprMatrix.Vector([Expr.Number(3), Expr.Number(5)]);
        var x = LinearAlgebra.Solve(a, b);
        Assert.True(x.IsVector);
        Assert.Same(Expr.Number(Rational.Create(4, 5)), x[0]);
        Assert.Same(Expr.Number(Rational.Create(7, 5)), x[1]);
        var af = a.Map(e => Expr.Float(((Number)e).Value));
        var xf = LinearAlgebra.Solve(af, b);
        Assert.Equal(0.8, ((Number)xf[0]).Value, 12);
        Assert.Equal(1.4, ((Number)xf[1]).Value, 12);
        var singular = ExprMatrix.FromArray(new Expr[,] { { 1, 2 }, { 2, 4 } });
        Assert.Equal(ErrorCodes.Undefined, Assert.Throws<SymbolicException>(() => LinearAlgebra.Solve(singular, b)).Code);
    }

    [Fact]
    public void OneSquareRootExtraction()
    {
        // A square factor beyond trial division (a prime above 10^5, squared) comes out too.
        var p = new BigInteger(100_003);
        Assert.Same(Expr.Mul(Expr.Number(p), Expr.Sqrt(Expr.Two)), Expr.Sqrt(Expr.Number(2 * p * p)));
        Assert.Same(Expr.Mul(Expr.Two, Expr.Sqrt(Expr.Two)), Expr.Sqrt(Expr.Number(8)));
        Assert.Same(Expr.Mul(Expr.Half, Expr.Sqrt(Expr.Number(3))), Expr.Sqrt(Expr.Number(Rational.Create(3, 4))));
    }
}

[CollectionDefinition(nameof(PolynomialEngineTests), DisableParallelization = true)]
public class PolynomialEngineCollection;
