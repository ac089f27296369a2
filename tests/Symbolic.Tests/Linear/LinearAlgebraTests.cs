using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Linear;
using Symbolic.Syntax;

namespace Symbolic.Tests.Linear;

public class LinearAlgebraTests
{
    private static readonly Symbol A = Expr.Symbol("a"), B = Expr.Symbol("b"), C = Expr.Symbol("c"), D = Expr.Symbol("d");
    private static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y");

    private static Expr N(long value) => Expr.Number(value);

    private static Expr Q(long numerator, long denominator) => Expr.Number(Rational.Create(numerator, denominator));

    private static Expr Sqrt(long value) => Expr.Sqrt(N(value));

    private static ExprMatrix M(params Expr[][] rows) =>
        ExprMatrix.Create(rows.Length, rows[0].Length, (i, j) => rows[i][j]);

    private static ExprMatrix Ints(long[,] a) =>
        ExprMatrix.Create(a.GetLength(0), a.GetLength(1), (i, j) => N(a[i, j]));

    private static void AssertSameMatrix(ExprMatrix expected, ExprMatrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int i = 0; i < expected.Rows; i++)
            for (int j = 0; j < expected.Columns; j++)
                Assert.Same(expected[i, j], actual[i, j]);
    }

    private static void AssertSameList(IReadOnlyList<Expr> expected, IReadOnlyList<Expr> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Same(expected[i], actual[i]);
    }

    // ------------------------------------------------------------------ determinant

    public static TheoryData<string, ExprMatrix, Expr> Determinants()
    {
        var a = A; var b = B; var c = C; var d = D;
        Expr e = Expr.Symbol("e"), f = Expr.Symbol("f"), g = Expr.Symbol("g"), h = Expr.Symbol("h"), i = Expr.Symbol("i");
        return new()
        {
            { "2x2 numeric", Ints(new long[,] { { 3, 8 }, { 4, 6 } }), N(-14) },
            { "3x3 numeric", Ints(new long[,] { { 6, 1, 1 }, { 4, -2, 5 }, { 2, 8, 7 } }), N(-306) },
            { "3x3 needs a row swap", Ints(new long[,] { { 0, 2, 1 }, { 1, 0, 0 }, { 0, 0, 3 } }), N(-6) },
            { "identity 4x4", ExprMatrix.Identity(4), N(1) },
            { "singular", Ints(new long[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }), N(0) },
            { "rational entries", M([Q(1, 2), Q(1, 3)], [Q(1, 4), Q(1, 5)]), Q(1, 60) },
            { "1x1", M([X]), X },
            { "symbolic 2x2", M([a, b], [c, d]), a * d - b * c },
            {
                "symbolic 3x3", M([a, b, c], [d, e, f], [g, h, i]),
                a * e * i + b * f * g + c * d * h - c * e * g - b * d * i - a * f * h
            },
            { "mixed symbolic", M([X, N(1)], [N(1), X]), Expr.Pow(X, Expr.Two) - 1 },
            { "symbolic, expanded", M([X + 1, Y], [Y, X - 1]), Expr.Pow(X, Expr.Two) - Expr.Pow(Y, Expr.Two) - 1 },
            { "symbolic singular", M([X, Y], [2 * X, 2 * Y]), N(0) },
            {
                "symbolic tridiagonal 8x8", ExprMatrix.Create(8, 8, (r, s) => r == s ? X : Math.Abs(r - s) == 1 ? Expr.One : Expr.Zero),
                Expr.Add(Expr.Pow(X, N(8)), -7 * Expr.Pow(X, N(6)), 15 * Expr.Pow(X, N(4)), -10 * Expr.Pow(X, N(2)), N(1))
            },
            { "vector of length 1", ExprMatrix.Vector([N(7)]), N(7) },
        };
    }

    [Theory]
    [MemberData(nameof(Determinants))]
    public void Determinant(string name, ExprMatrix matrix, Expr expected)
    {
        Assert.NotNull(name);
        Assert.Same(Expander.Expand(expected), LinearAlgebra.Determinant(matrix));
    }

    [Fact]
    public void DeterminantOfFloatMatrix()
    {
        var m = M([Expr.Float(0.5), N(2)], [N(3), Expr.Float(4)]);
        var det = Assert.IsType<Number>(LinearAlgebra.Determinant(m));
        Assert.False(det.IsExact);
        Assert.Equal(-4.0, det.Value, 12);
    }

    [Fact]
    public void SymbolicDeterminantMatchesNumericAfterSubstitution()
    {
        // A 5x5 matrix with a symbol in every row: substituting into the symbolic determinant
        // agrees with the exact numeric determinant of the substituted matrix.
        var entries = new long[,] { { 2, -1, 0, 3, 1 }, { 1, 4, 2, 0, -2 }, { 0, 3, 5, 1, 1 }, { 2, 2, -1, 6, 0 }, { 1, 0, 1, 2, 7 } };
        var symbolic = ExprMatrix.Create(5, 5, (i, j) => i == j ? X + N(entries[i, j]) : N(entries[i, j]) * (j == 4 - i ? Y : Expr.One));
        var det = LinearAlgebra.Determinant(symbolic);
        var at = new Dictionary<Symbol, Expr> { [X] = N(3), [Y] = N(-2) };
        var substituted = symbolic.Map(e => Substitution.Substitute(e, at));
        Assert.Same(LinearAlgebra.Determinant(substituted), Expander.Expand(Substitution.Substitute(det, at)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)] // beyond the Laplace limit: the Berkowitz algorithm
    [InlineData(13)]
    public void CharacteristicPolynomialAgreesWithNumericDeterminants(int n)
    {
        // det(x I - A) at x = c is det(c I - A), computed exactly by elimination.
        var rnd = new Random(n);
        var a = new long[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = rnd.Next(-5, 6);
        var charpoly = LinearAlgebra.Determinant(ExprMatrix.Create(n, n, (i, j) => (i == j ? X : Expr.Zero) - N(a[i, j])));
        Assert.Contains(Expr.Pow(X, N(n)), ((Add)charpoly).Terms); // monic of degree n
        foreach (var c in new long[] { -2, 0, 3 })
        {
            var at = new Dictionary<Symbol, Expr> { [X] = N(c) };
            var numeric = LinearAlgebra.Determinant(ExprMatrix.Create(n, n, (i, j) => N((i == j ? c : 0) - a[i, j])));
            Assert.Same(numeric, Substitution.Substitute(charpoly, at));
        }
    }

    [Fact]
    public void SymbolicTridiagonalBeyondTheLaplaceLimit()
    {
        // det of the 12x12 tridiagonal [x on the diagonal, 1 beside it] is U_12(x/2): the recurrence d_k = x d_{k-1} - d_{k-2}.
        Expr previous = Expr.One, current = X;
        for (int k = 2; k <= 12; k++) (previous, current) = (current, Expander.Expand(X * current - previous));
        var m = ExprMatrix.Create(12, 12, (r, c) => r == c ? X : Math.Abs(r - c) == 1 ? Expr.One : Expr.Zero);
        Assert.Same(current, LinearAlgebra.Determinant(m));
    }

    [Theory]
    [InlineData(2, 3, "cannot take the determinant of a 2x3 matrix: it is not square")]
    [InlineData(3, 1, "cannot take the determinant of a 3x1 matrix: it is not square")]
    public void DeterminantOfNonSquareIsAnError(int rows, int columns, string message)
    {
        var m = ExprMatrix.Create(rows, columns, (i, j) => N(i + j));
        Assert.Equal(message, Assert.Throws<SymbolicException>(() => LinearAlgebra.Determinant(m)).Message);
    }

    [Fact]
    public void DeterminantOfVectorIsNotSquare()
    {
        var v = ExprMatrix.Vector([N(1), N(2)]);
        Assert.Equal("cannot take the determinant of a 2x1 matrix: it is not square",
            Assert.Throws<SymbolicException>(() => LinearAlgebra.Determinant(v)).Message);
    }

    // ------------------------------------------------------------------ inverse

    public static TheoryData<string, ExprMatrix, ExprMatrix> Inverses() => new()
    {
        { "2x2", Ints(new long[,] { { 4, 7 }, { 2, 6 } }), M([Q(3, 5), Q(-7, 10)], [Q(-1, 5), Q(2, 5)]) },
        {
            "3x3 with fractions", Ints(new long[,] { { 2, -1, 0 }, { -1, 2, -1 }, { 0, -1, 2 } }),
            M([Q(3, 4), Q(1, 2), Q(1, 4)], [Q(1, 2), N(1), Q(1, 2)], [Q(1, 4), Q(1, 2), Q(3, 4)])
        },
        {
            "3x3", Ints(new long[,] { { 1, 2, 3 }, { 0, 1, 4 }, { 5, 6, 0 } }),
            Ints(new long[,] { { -24, 18, 5 }, { 20, -15, -4 }, { -5, 4, 1 } })
        },
        {
            "3x3 exact fractions", Ints(new long[,] { { 2, 1, 1 }, { 1, 3, 2 }, { 1, 0, 0 } }),
            M([N(0), N(0), N(1)], [Q(-2, 1), N(1), N(3)], [N(3), N(-1), N(-5)])
        },
        { "rational entries", M([Q(1, 2), Q(1, 3)], [Q(1, 4), Q(1, 5)]), M([N(12), N(-20)], [N(-15), N(30)]) },
        { "identity", ExprMatrix.Identity(3), ExprMatrix.Identity(3) },
    };

    [Theory]
    [MemberData(nameof(Inverses))]
    public void Inverse(string name, ExprMatrix matrix, ExprMatrix expected)
    {
        Assert.NotNull(name);
        var inverse = LinearAlgebra.Inverse(matrix);
        AssertSameMatrix(expected, inverse);
        AssertSameMatrix(ExprMatrix.Identity(matrix.Rows), matrix * inverse);
        AssertSameMatrix(ExprMatrix.Identity(matrix.Rows), inverse * matrix);
    }

    [Fact]
    public void InverseWithProperFractions()
    {
        var m = Ints(new long[,] { { 2, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } }); // det = 2*11 - 1*4 = 18
        var inverse = LinearAlgebra.Inverse(m);
        var expected = M(
            [Q(11, 18), Q(-4, 18), Q(1, 18)],
            [Q(-4, 18), Q(8, 18), Q(-2, 18)],
            [Q(1, 18), Q(-2, 18), Q(5, 18)]);
        AssertSameMatrix(expected, inverse);
        AssertSameMatrix(ExprMatrix.Identity(3), m * inverse);
        Assert.Same(Q(1, 18), LinearAlgebra.Determinant(inverse));
    }

    [Fact]
    public void SymbolicInverse2x2()
    {
        var det = A * D - B * C;
        var expected = M([D / det, -B / det], [-C / det, A / det]);
        AssertSameMatrix(expected, LinearAlgebra.Inverse(M([A, B], [C, D])));
    }

    [Fact]
    public void SymbolicResultsPrint()
    {
        var m = M([A, B], [C, D]);
        Assert.Equal("a*d - b*c", LinearAlgebra.Determinant(m).ToString());
        Assert.Equal("[[d/(a*d - b*c), -b/(a*d - b*c)], [-c/(a*d - b*c), a/(a*d - b*c)]]", LinearAlgebra.Inverse(m).ToString());
    }

    [Fact]
    public void SymbolicInverseWithNumericDeterminant()
    {
        // [[1, x], [0, 1]]^-1 = [[1, -x], [0, 1]]
        AssertSameMatrix(M([N(1), -X], [N(0), N(1)]), LinearAlgebra.Inverse(M([N(1), X], [N(0), N(1)])));
    }

    [Fact]
    public void SymbolicInverse3x3TimesMatrixIsIdentityAtAPoint()
    {
        var m = M([X, N(1), N(0)], [N(1), X, N(1)], [N(0), N(1), X]);
        var inverse = LinearAlgebra.Inverse(m);
        var at = new Dictionary<Symbol, Expr> { [X] = N(3) };
        var numeric = inverse.Map(e => Substitution.Substitute(e, at));
        AssertSameMatrix(LinearAlgebra.Inverse(m.Map(e => Substitution.Substitute(e, at))), numeric);
    }

    [Fact]
    public void FloatInverse()
    {
        var m = M([Expr.Float(4), N(7)], [N(2), N(6)]);
        var inverse = LinearAlgebra.Inverse(m);
        double[,] expected = { { 0.6, -0.7 }, { -0.2, 0.4 } };
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                var n = Assert.IsType<Number>(inverse[i, j]);
                Assert.False(n.IsExact);
                Assert.Equal(expected[i, j], n.Value, 12);
            }
    }

    [Theory]
    [InlineData("numeric")]
    [InlineData("symbolic")]
    [InlineData("float")]
    public void SingularInverseIsAnError(string kind)
    {
        var m = kind switch
        {
            "numeric" => Ints(new long[,] { { 2, 0, 1 }, { 1, 3, 2 }, { 1, 1, 1 } }),
            "symbolic" => M([X, Y], [2 * X, 2 * Y]),
            _ => M([Expr.Float(1), Expr.Float(2)], [Expr.Float(2), Expr.Float(4)]),
        };
        Assert.Equal("matrix is singular", Assert.Throws<SymbolicException>(() => LinearAlgebra.Inverse(m)).Message);
    }

    [Fact]
    public void InverseOfNonSquareIsAnError()
    {
        var m = ExprMatrix.Create(2, 3, (i, j) => N(i + j));
        Assert.Equal("cannot invert a 2x3 matrix: it is not square",
            Assert.Throws<SymbolicException>(() => LinearAlgebra.Inverse(m)).Message);
    }

    // ------------------------------------------------------------------ eigenvalues

    public static TheoryData<string, ExprMatrix, Expr[]> ExactEigenvalues() => new()
    {
        // The course notes' examples.
        { "notes [[4, -1], [-1, 6]]", Ints(new long[,] { { 4, -1 }, { -1, 6 } }), [N(5) - Sqrt(2), N(5) + Sqrt(2)] },
        { "[[6, 2], [2, 6]]", Ints(new long[,] { { 6, 2 }, { 2, 6 } }), [N(4), N(8)] },
        { "[[4, 0], [0, -4]]", Ints(new long[,] { { 4, 0 }, { 0, -4 } }), [N(-4), N(4)] },
        { "[[-4, -1], [-1, -6]]", Ints(new long[,] { { -4, -1 }, { -1, -6 } }), [N(-5) - Sqrt(2), N(-5) + Sqrt(2)] },
        { "discriminant with a square factor 9", Ints(new long[,] { { 1, 3 }, { 3, 1 } }), [N(-2), N(4)] },
        { "sqrt of a fraction", M([N(1), Q(1, 2)], [Q(1, 2), N(0)]), [Q(1, 2) - Expr.Half * Sqrt(2), Q(1, 2) + Expr.Half * Sqrt(2)] },
        { "repeated", Ints(new long[,] { { 2, 1 }, { -1, 0 } }), [N(1), N(1)] },
        { "1x1", M([N(7)]), [N(7)] },
        { "triangular 3x3", Ints(new long[,] { { 3, 1, 4 }, { 0, -1, 5 }, { 0, 0, 2 } }), [N(-1), N(2), N(3)] },
        { "lower triangular 4x4", Ints(new long[,] { { 5, 0, 0, 0 }, { 1, 1, 0, 0 }, { 2, 3, -2, 0 }, { 9, 9, 9, 0 } }), [N(-2), N(0), N(1), N(5)] },
        { "diagonal 3x3", Ints(new long[,] { { 2, 0, 0 }, { 0, 2, 0 }, { 0, 0, 2 } }), [N(2), N(2), N(2)] },
        // Non-triangular exact 3x3 whose characteristic polynomial has rational roots: found exactly.
        { "3x3 rational roots", Ints(new long[,] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 5 } }), [N(1), N(3), N(5)] },
        { "3x3 rational root and a quadratic", Ints(new long[,] { { 4, -1, 0 }, { -1, 6, 0 }, { 0, 0, 1 } }), [N(1), N(5) - Sqrt(2), N(5) + Sqrt(2)] },
        { "3x3 defective", Ints(new long[,] { { 3, 1, 1 }, { -1, 1, -1 }, { 0, 0, 2 } }), [N(2), N(2), N(2)] },
    };

    [Theory]
    [MemberData(nameof(ExactEigenvalues))]
    public void EigenvaluesExact(string name, ExprMatrix matrix, Expr[] expected)
    {
        Assert.NotNull(name);
        AssertSameList(expected, LinearAlgebra.Eigenvalues(matrix));
    }

    [Fact]
    public void SqrtOfEightIsKeptAsTwoSqrtTwo()
    {
        // (10 ± sqrt(8))/2 must come out as 5 ± sqrt(2); sqrt(8)/2 would not print that way.
        var values = LinearAlgebra.Eigenvalues(Ints(new long[,] { { 4, -1 }, { -1, 6 } }));
        Assert.Same(Expr.Add(N(5), Expr.Neg(Expr.Pow(N(2), Expr.Half))), values[0]);
    }

    [Fact]
    public void DecimalEntriesGiveExactEigenvaluesThatPrintAsDecimals()
    {
        Expr Dec(string text) => Expr.Number(Rational.Parse(text));
        var values = LinearAlgebra.Eigenvalues(M([Dec("0.5"), N(1)], [N(1), Dec("0.5")]));
        AssertSameList([Dec("-0.5"), Dec("1.5")], values);
        Assert.Equal("1.5", global::Symbolic.Printing.InfixPrinter.Print(values[1], decimals: true));
    }

    [Fact]
    public void SymbolicEigenvalues2x2()
    {
        // [[a, b], [b, a]]: the discriminant is 4b^2 = (2b)^2, and as a pair a ± sqrt(b^2) = a ± |b| is a ± b.
        var values = LinearAlgebra.Eigenvalues(M([A, B], [B, A]));
        AssertSameList([A - B, A + B], values);
    }

    [Theory]
    [InlineData("x", "1", "1", "x", "x - 1", "x + 1")]                  // discriminant 4
    [InlineData("x + y", "x", "x", "x + y", "y", "2*x + y")]            // 4x^2
    [InlineData("x", "y", "y", "x", "x - y", "x + y")]                  // 4y^2
    [InlineData("2*x", "y", "y", "0", "x - sqrt(x^2 + y^2)", "x + sqrt(x^2 + y^2)")] // not a square: stays
    public void SymbolicEigenvalues2x2_PerfectSquareDiscriminant_RootTakenOut(string a, string b, string c, string d, string low, string high)
    {
        var m = M([Expr.Parse(a), Expr.Parse(b)], [Expr.Parse(c), Expr.Parse(d)]);
        var values = LinearAlgebra.Eigenvalues(m);
        AssertSameList([Expr.Parse(low), Expr.Parse(high)], values);
        // each is a root of t^2 - trace*t + det at sample points
        var trace = m[0, 0] + m[1, 1];
        var det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        foreach (var point in new[] { (1.3, -0.7), (-2.1, 0.4) })
        {
            var at = new Dictionary<string, double> { ["x"] = point.Item1, ["y"] = point.Item2 };
            foreach (var v in values)
            {
                double t = v.Evaluate(at);
                Assert.Equal(0, t * t - trace.Evaluate(at) * t + det.Evaluate(at), 1e-12);
            }
        }
    }

    [Fact]
    public void SymbolicDiagonalKeepsDiagonalOrder()
    {
        AssertSameList([X, N(1), Y], LinearAlgebra.Eigenvalues(M([X, N(0), N(0)], [N(0), N(1), N(0)], [N(0), N(0), Y])));
    }

    [Fact]
    public void NumericSymmetric3x3()
    {
        // [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]: 2 - sqrt(2), 2, 2 + sqrt(2). The characteristic
        // polynomial has a rational root and a quadratic factor, so the result is exact; check the values.
        var values = LinearAlgebra.Eigenvalues(Ints(new long[,] { { 2, -1, 0 }, { -1, 2, -1 }, { 0, -1, 2 } }));
        double[] expected = [2 - Math.Sqrt(2), 2, 2 + Math.Sqrt(2)];
        Assert.Equal(3, values.Count);
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], Evaluation.Interpreter.Evaluate(values[i], _ => null), 9);
        Assert.Same(N(2) - Sqrt(2), values[0]);
    }

    [Fact]
    public void NumericSymmetric3x3WithIrrationalCubic()
    {
        // [[2, 1, 1], [1, 3, 1], [1, 1, 4]]: characteristic polynomial x^3 - 9x^2 + 23x - 17, no rational root.
        var values = LinearAlgebra.Eigenvalues(Ints(new long[,] { { 2, 1, 1 }, { 1, 3, 1 }, { 1, 1, 4 } }));
        Assert.Equal(3, values.Count);
        double[] expected = RealCubicRoots(-9, 23, -17);
        for (int i = 0; i < 3; i++)
        {
            var n = Assert.IsType<Number>(values[i]);
            Assert.False(n.IsExact);
            Assert.True(Math.Abs(expected[i] - n.Value) < 1e-9, $"{expected[i]} vs {n.Value}");
        }
        Assert.Equal(9, values.Sum(v => ((Number)v).Value), 9);
    }

    [Fact]
    public void FloatMatrixEigenvaluesAreFloats()
    {
        var m = M([Expr.Float(2), N(1), N(0)], [N(1), Expr.Float(2), N(0)], [N(0), N(0), Expr.Float(5)]);
        var values = LinearAlgebra.Eigenvalues(m);
        double[] expected = [1, 3, 5];
        for (int i = 0; i < 3; i++)
        {
            var n = Assert.IsType<Number>(values[i]);
            Assert.False(n.IsExact);
            Assert.Equal(expected[i], n.Value, 9);
        }
    }

    [Fact]
    public void ComplexEigenvaluesAreAnError()
    {
        var e = Assert.Throws<SymbolicException>(() => LinearAlgebra.Eigenvalues(Ints(new long[,] { { 0, -1 }, { 1, 0 } })));
        Assert.StartsWith("matrix has complex eigenvalues: ", e.Message);
        var e3 = Assert.Throws<SymbolicException>(() =>
            LinearAlgebra.Eigenvalues(Ints(new long[,] { { 0, -1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } })));
        Assert.StartsWith("matrix has complex eigenvalues: ", e3.Message);
        var float3 = M([N(0), N(-1), N(1)], [N(1), N(0), N(2)], [N(0), N(1), Expr.Float(1)]);
        Assert.StartsWith("matrix has complex eigenvalues: ",
            Assert.Throws<SymbolicException>(() => LinearAlgebra.Eigenvalues(float3)).Message);
    }

    [Fact]
    public void SymbolicLargerThan2x2IsAnError()
    {
        var m = M([X, N(1), N(0)], [N(1), X, N(1)], [N(0), N(1), X]);
        Assert.Equal("eigenvalues of a symbolic matrix larger than 2x2 are not supported",
            Assert.Throws<SymbolicException>(() => LinearAlgebra.Eigenvalues(m)).Message);
    }

    [Fact]
    public void EigenvaluesOfNonSquareIsAnError()
    {
        var m = ExprMatrix.Create(2, 3, (i, j) => N(i + j));
        Assert.Equal("cannot compute the eigenvalues of a 2x3 matrix: it is not square",
            Assert.Throws<SymbolicException>(() => LinearAlgebra.Eigenvalues(m)).Message);
    }

    // ------------------------------------------------------------------ properties

    [Fact]
    public void RandomInvertibleIntegerMatricesInvertExactly()
    {
        var matrices = Gen.ArrayOf(Gen.Choose(-9, 9), 9)
            .Select(v => new long[,] { { v[0], v[1], v[2] }, { v[3], v[4], v[5] }, { v[6], v[7], v[8] } })
            .Where(a => LinearAlgebra.Determinant(Ints(a)) is Number { IsZero: false });
        Prop.ForAll(Arb.From(matrices), a =>
        {
            var m = Ints(a);
            var inverse = LinearAlgebra.Inverse(m);
            var identity = ExprMatrix.Identity(3);
            bool ok = true;
            var left = m * inverse;
            var right = inverse * m;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    ok &= ReferenceEquals(identity[i, j], left[i, j]) && ReferenceEquals(identity[i, j], right[i, j]);
            var product = Expr.Mul(LinearAlgebra.Determinant(m), LinearAlgebra.Determinant(inverse));
            return ok && ReferenceEquals(product, Expr.One);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomSymbolicDeterminantsAgreeWithNumericOnes()
    {
        // Entries p + q x: the symbolic determinant at x = 2 is the exact determinant of the substituted matrix.
        var matrices = Gen.ArrayOf(Gen.Choose(-4, 4), 32).Select(v => v);
        Prop.ForAll(Arb.From(matrices), v =>
        {
            var m = ExprMatrix.Create(4, 4, (i, j) => N(v[2 * (4 * i + j)]) + N(v[2 * (4 * i + j) + 1]) * X);
            var at = new Dictionary<Symbol, Expr> { [X] = N(2) };
            var det = LinearAlgebra.Determinant(m);
            return ReferenceEquals(LinearAlgebra.Determinant(m.Map(e => Substitution.Substitute(e, at))), Substitution.Substitute(det, at));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomSymmetricIntegerMatricesHaveEigenvaluesSummingToTheTrace()
    {
        var matrices = Gen.ArrayOf(Gen.Choose(-5, 5), 6)
            .Select(v => new long[,] { { v[0], v[1], v[2] }, { v[1], v[3], v[4] }, { v[2], v[4], v[5] } });
        Prop.ForAll(Arb.From(matrices), a =>
        {
            var values = LinearAlgebra.Eigenvalues(Ints(a));
            var numeric = values.Select(v => Evaluation.Interpreter.Evaluate(v, _ => null)).ToArray();
            bool sorted = numeric.Zip(numeric.Skip(1), (p, q) => p <= q + 1e-12).All(t => t);
            double trace = a[0, 0] + a[1, 1] + a[2, 2];
            return values.Count == 3 && sorted && Math.Abs(numeric.Sum() - trace) < 1e-9;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The three real roots of x^3 + p x^2 + q x + r (trigonometric method), ascending.</summary>
    private static double[] RealCubicRoots(double p, double q, double r)
    {
        double a = q - p * p / 3, b = 2 * p * p * p / 27 - p * q / 3 + r;
        double m = 2 * Math.Sqrt(-a / 3);
        double theta = Math.Acos(3 * b / (a * m)) / 3;
        var roots = Enumerable.Range(0, 3).Select(k => m * Math.Cos(theta - 2 * Math.PI * k / 3) - p / 3).ToArray();
        Array.Sort(roots);
        return roots;
    }
}
