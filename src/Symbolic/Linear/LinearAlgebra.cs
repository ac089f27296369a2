using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Symbolic.Algebra;
using Symbolic.Evaluation;
using Symbolic.Syntax;

namespace Symbolic.Linear;

/// <summary>
/// Determinant, inverse and eigenvalues of an <see cref="ExprMatrix"/>, exact wherever possible.
/// A vector argument is treated as an n x 1 matrix.
/// </summary>
/// <remarks>
/// <para>Which algorithm runs depends on the entries:</para>
/// <list type="bullet">
/// <item>All entries exact numbers: Gaussian elimination (determinant) and Gauss-Jordan elimination
/// (inverse) on <see cref="Rational"/>, which is exact and O(n^3).</item>
/// <item>All entries numbers, some of them floating point: the same eliminations in double precision with
/// partial pivoting; the results are floating-point numbers.</item>
/// <item>Otherwise (symbols, or constants such as <c>sqrt(2)</c>): the entries are multiplied out and the
/// determinant is computed on sparse polynomials (monomial -> coefficient maps), so it comes out expanded:
/// <c>det([[a, b], [c, d]])</c> is <c>a*d - b*c</c>. Up to 10x10 by Laplace (cofactor) expansion along the
/// rows with every minor memoized by its set of columns (n 2^(n-1) products instead of n!, and zero
/// entries skipped); beyond that by the division-free Samuelson-Berkowitz algorithm, O(n^4) ring operations.
/// Fraction-free Bareiss elimination was not chosen because its exact divisions need multivariate
/// polynomial division. Work is bounded (<see cref="MaxSymbolicWork"/>): a dense symbolic 8x8 determinant
/// (40320 terms) is computed, a 9x9 one is an error rather than a hang.
/// The inverse is the adjugate over the determinant: entry (i, j) is <c>C_ji / det</c> with the cofactor
/// C_ji expanded, e.g. <c>d/(a*d - b*c)</c>.</item>
/// </list>
/// <para>Eigenvalues: a triangular (or diagonal) matrix of any size gives its diagonal; a 2x2 matrix
/// gives <c>(t ± sqrt(t^2 - 4 det))/2</c> with t the trace, with square factors taken out of a numeric
/// discriminant (<c>sqrt(8)/2</c> becomes <c>sqrt(2)</c>); a larger numeric matrix goes through
/// MathNet.Numerics (<c>Evd</c>). For an exact numeric matrix the numeric eigenvalues are then used to
/// find the rational roots of the exact characteristic polynomial (Faddeev-LeVerrier); when those
/// leave at most a quadratic factor, all eigenvalues are returned exactly, otherwise all are returned as
/// floating-point numbers. Eigenvalues are listed with multiplicity, ascending by value when every one
/// of them has a numeric value (otherwise in diagonal order, or <c>t - sqrt</c> before <c>t + sqrt</c>).
/// We have no complex numbers, so complex eigenvalues are an error that lists them.</para>
/// </remarks>
public static class LinearAlgebra
{
    /// <summary>Symbolic determinants use memoized Laplace expansion (2^n minors) up to this size, Berkowitz beyond.</summary>
    private const int MaxLaplaceSize = 10;

    /// <summary>
    /// A symbolic determinant or inverse stops with an error once it has multiplied this many monomials,
    /// weighted by their size (seconds of work): a dense symbolic 8x8 determinant (40320 terms) fits, 9x9 does not.
    /// </summary>
    private const long MaxSymbolicWork = 2_000_000;

    /// <summary>Exact characteristic polynomials (Faddeev-LeVerrier, O(n^4) rational operations) up to this size.</summary>
    private const int MaxExactEigenSize = 20;

    /// <summary>An imaginary part beyond this fraction of the largest eigenvalue magnitude counts as complex.</summary>
    private const double ComplexTolerance = 1e-12;

    // ------------------------------------------------------------------ determinant

    /// <summary>The exact determinant (expanded when symbolic).</summary>
    /// <exception cref="SymbolicException">The matrix is not square.</exception>
    /// <summary>
    /// The matrix power m^k by repeated squaring (about 2 log2 |k| products); a negative k inverts first.
    /// The exponent is checked against <see cref="ComputeLimits.MaxMatrixPower"/>, and the context is
    /// checked between products, so a huge power of a matrix whose entries grow ends in a clear error.
    /// </summary>
    public static ExprMatrix Power(ExprMatrix m, System.Numerics.BigInteger k)
    {
        if (!m.IsSquare) throw new SymbolicException($"cannot raise a {m.Shape} to a power: it is not square");
        var context = ComputeContext.Current;
        ComputeContext.CheckLimit("matrix power", System.Numerics.BigInteger.Abs(k), context.Limits.MaxMatrixPower);
        var square = k.Sign < 0 ? Inverse(m) : m;
        var n = System.Numerics.BigInteger.Abs(k);
        var result = ExprMatrix.Identity(m.Rows);
        bool first = true;
        while (!n.IsZero)
        {
            context.ThrowIfStopped();
            if (!n.IsEven) result = first ? square : result * square;
            if (!n.IsEven) first = false;
            n >>= 1;
            if (!n.IsZero) square = square * square;
        }
        return result;
    }

    public static Expr Determinant(ExprMatrix m)
    {
        m = RequireSquare(m, "cannot take the determinant of a");
        int n = m.Rows;
        var a = m.ToArray();
        return Classify(m) switch
        {
            Kind.Exact => Expr.Number(ExactDeterminant(ToRationals(a, n), n)),
            Kind.Float => Expr.Float(FloatDeterminant(ToDoubles(a, n), n)),
            _ => SymbolicDeterminant(ExpandEntries(a), Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).ToArray(), new PolyRing("determinant", n)),
        };
    }

    private static Rational ExactDeterminant(Rational[,] a, int n)
    {
        Rational det = Rational.One;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            while (pivot < n && a[pivot, col].IsZero) pivot++;
            if (pivot == n) return Rational.Zero;
            if (pivot != col)
            {
                SwapRows(a, pivot, col, n);
                det = -det;
            }
            var p = a[col, col];
            det *= p;
            for (int r = col + 1; r < n; r++)
            {
                if (a[r, col].IsZero) continue;
                var f = a[r, col] / p;
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
            }
        }
        return det;
    }

    private static double FloatDeterminant(double[,] a, int n)
    {
        double det = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (a[pivot, col] == 0) return 0;
            if (pivot != col)
            {
                SwapRows(a, pivot, col, n);
                det = -det;
            }
            var p = a[col, col];
            det *= p;
            for (int r = col + 1; r < n; r++)
            {
                var f = a[r, col] / p;
                if (f == 0) continue;
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
            }
        }
        return det;
    }

    /// <summary>The entries multiplied out, as sparse polynomials.</summary>
    private static Poly[,] ExpandEntries(Expr[,] a)
    {
        var entries = new Poly[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < entries.GetLength(0); i++)
            for (int j = 0; j < entries.GetLength(1); j++)
                entries[i, j] = Poly.From(a[i, j] is Number or Symbol ? a[i, j] : Expander.Expand(a[i, j]));
        return entries;
    }

    /// <summary>
    /// The expanded determinant of the submatrix of <paramref name="a"/> on <paramref name="rows"/> x
    /// <paramref name="columns"/>: memoized Laplace expansion up to <see cref="MaxLaplaceSize"/>, the
    /// division-free Berkowitz algorithm beyond.
    /// </summary>
    private static Expr SymbolicDeterminant(Poly[,] a, int[] rows, int[] columns, PolyRing ring) =>
        (rows.Length <= MaxLaplaceSize ? LaplaceDeterminant(a, rows, columns, ring) : BerkowitzDeterminant(a, rows, columns, ring)).ToExpr();

    /// <summary>
    /// Laplace expansion along the rows, each minor (the last k rows on a set of k columns) computed once:
    /// n 2^(n-1) products of an entry and a minor.
    /// </summary>
    private static Poly LaplaceDeterminant(Poly[,] a, int[] rows, int[] columns, PolyRing ring)
    {
        int n = rows.Length;
        var memo = new Dictionary<int, Poly>();
        return Minor((1 << n) - 1);

        // mask: which of the n columns are still available; the minor uses the last popcount(mask) rows.
        Poly Minor(int mask)
        {
            int count = BitOperations.PopCount((uint)mask);
            if (count == 0) return Poly.One;
            if (memo.TryGetValue(mask, out var known)) return known;
            int row = rows[n - count];
            var sum = new Poly();
            bool negative = false;
            for (int j = 0; j < n; j++)
            {
                if ((mask & (1 << j)) == 0) continue;
                var entry = a[row, columns[j]];
                if (!entry.IsZero) ring.AddProduct(sum, entry, Minor(mask & ~(1 << j)), negative);
                negative = !negative;
            }
            memo[mask] = sum;
            return sum;
        }
    }

    /// <summary>
    /// The Samuelson-Berkowitz algorithm: the characteristic polynomial of [[a, R], [C, A]] is a Toeplitz
    /// matrix with first column (1, -a, -R C, -R A C, -R A^2 C, ...) times that of A; the determinant is
    /// (-1)^n times its constant coefficient. O(n^4) ring operations and no division, so it suits larger
    /// matrices whose entries are mostly numbers (x I - A, band matrices).
    /// </summary>
    private static Poly BerkowitzDeterminant(Poly[,] a, int[] rows, int[] columns, PolyRing ring)
    {
        int n = rows.Length;
        Poly At(int i, int j) => a[rows[i], columns[j]];
        // Coefficients by descending power, starting with the trailing 1x1 block.
        var poly = new List<Poly> { Poly.One, ring.Negate(At(n - 1, n - 1)) };
        for (int k = n - 2; k >= 0; k--)
        {
            int m = n - k; // the block on rows and columns k..n-1; A is its trailing (m-1)x(m-1) block
            var toeplitz = new Poly[m + 1];
            toeplitz[0] = Poly.One;
            toeplitz[1] = ring.Negate(At(k, k));
            var v = new Poly[m - 1]; // A^j C
            for (int i = 0; i < m - 1; i++) v[i] = At(k + 1 + i, k);
            for (int j = 2; j <= m; j++)
            {
                var rc = new Poly(); // -R A^(j-2) C
                for (int i = 0; i < m - 1; i++) ring.AddProduct(rc, At(k, k + 1 + i), v[i], negate: true);
                toeplitz[j] = rc;
                if (j == m) break;
                var next = new Poly[m - 1];
                for (int r = 0; r < m - 1; r++)
                {
                    next[r] = new Poly();
                    for (int c = 0; c < m - 1; c++) ring.AddProduct(next[r], At(k + 1 + r, k + 1 + c), v[c], negate: false);
                }
                v = next;
            }
            var product = new List<Poly>(m + 1);
            for (int i = 0; i <= m; i++)
            {
                var p = new Poly();
                for (int j = 0; j <= Math.Min(i, m - 1); j++) ring.AddProduct(p, toeplitz[i - j], poly[j], negate: false);
                product.Add(p);
            }
            poly = product;
        }
        return n % 2 == 0 ? poly[n] : ring.Negate(poly[n]);
    }

    /// <summary>
    /// An expanded polynomial as a map from monomials (terms without their numeric coefficient, such as
    /// <c>a*d</c> or <c>x^2</c>; <c>1</c> for the constant) to nonzero coefficients. Sums of products are
    /// accumulated here rather than through the canonicalizing factories, which would sort and intern
    /// every intermediate sum.
    /// </summary>
    private sealed class Poly
    {
        public static readonly Poly One = new() { Terms = { [Expr.One] = Expr.One } };

        public Dictionary<Expr, Number> Terms { get; } = new();

        public bool IsZero => Terms.Count == 0;

        /// <summary>The total size of the monomials.</summary>
        public long Size => Terms.Keys.Sum(m => m.Size);

        /// <summary>The polynomial of an expanded expression.</summary>
        public static Poly From(Expr expanded)
        {
            var p = new Poly();
            foreach (var term in expanded is Add sum ? sum.Terms.AsEnumerable() : [expanded]) p.Add(term, Expr.One);
            return p;
        }

        /// <summary>Adds <paramref name="factor"/> times an expanded term.</summary>
        public void Add(Expr term, Number factor)
        {
            var (c, monomial) = Expr.SplitCoefficient(term);
            AddMonomial(monomial, Arithmetic.Mul(factor, c));
        }

        public void AddMonomial(Expr monomial, Number coefficient)
        {
            if (Terms.TryGetValue(monomial, out var old)) coefficient = Arithmetic.Add(old, coefficient);
            if (coefficient.IsZero) Terms.Remove(monomial);
            else Terms[monomial] = coefficient;
        }

        public Expr ToExpr() => Expr.Add(Terms.Select(t => Expr.Mul(t.Value, t.Key)));
    }

    /// <summary>
    /// Multiplication of <see cref="Poly"/> values, with the products of monomials cached and the work
    /// (for each product of two terms, the size of the two monomials) charged against <see cref="MaxSymbolicWork"/>.
    /// </summary>
    private sealed class PolyRing(string what, int size)
    {
        private readonly Dictionary<(Expr, Expr), Poly> _products = new();
        private long _left = MaxSymbolicWork;

        public Poly Negate(Poly p)
        {
            var r = new Poly();
            foreach (var (m, c) in p.Terms) r.Terms[m] = Arithmetic.Mul(Expr.MinusOne, c);
            return r;
        }

        /// <summary>sum += p q, or sum -= p q.</summary>
        public void AddProduct(Poly sum, Poly p, Poly q, bool negate)
        {
            if (p.IsZero || q.IsZero) return;
            // Multiplying monomials costs about their size: charge that for every pair of terms.
            Charge(p.Size * q.Terms.Count + q.Size * p.Terms.Count);
            foreach (var (m1, c1) in p.Terms)
            {
                var c = negate ? Arithmetic.Mul(Expr.MinusOne, c1) : c1;
                foreach (var (m2, c2) in q.Terms)
                {
                    var cc = Arithmetic.Mul(c, c2);
                    if (ReferenceEquals(m1, Expr.One)) sum.AddMonomial(m2, cc);
                    else if (ReferenceEquals(m2, Expr.One)) sum.AddMonomial(m1, cc);
                    else foreach (var (m, k) in Product(m1, m2).Terms) sum.AddMonomial(m, Arithmetic.Mul(cc, k));
                }
            }
        }

        /// <summary>m1 m2 multiplied out: usually one monomial (x * x = x^2), sometimes a number or a sum (sqrt(2) sqrt(2) = 2).</summary>
        private Poly Product(Expr m1, Expr m2)
        {
            var key = ExprOrder.Compare(m1, m2) <= 0 ? (m1, m2) : (m2, m1);
            if (!_products.TryGetValue(key, out var product))
            {
                var m = Expr.Mul(m1, m2);
                _products[key] = product = Poly.From(NeedsExpansion(m) ? Expander.Expand(m) : m);
            }
            return product;
        }

        /// <summary>A product of expanded monomials is expanded unless a sum or a power of a sum came out of it.</summary>
        private static bool NeedsExpansion(Expr m) => m switch
        {
            Add => true,
            Pow { Base: Add } => true,
            Mul product => product.Factors.Any(f => f is Add or Pow { Base: Add }),
            _ => false,
        };

        private void Charge(long work)
        {
            _left -= work;
            if (_left < 0) throw new SymbolicException($"the symbolic {what} of this {size}x{size} matrix is too large to compute");
        }
    }

    // ------------------------------------------------------------------ inverse

    /// <summary>The exact inverse.</summary>
    /// <exception cref="SymbolicException">The matrix is not square, or it is singular (its determinant is exactly zero).</exception>
    public static ExprMatrix Inverse(ExprMatrix m)
    {
        m = RequireSquare(m, "cannot invert a");
        int n = m.Rows;
        var a = m.ToArray();
        switch (Classify(m))
        {
            case Kind.Exact:
            {
                var inv = ExactInverse(ToRationals(a, n), n) ?? throw Singular();
                return ExprMatrix.Create(n, n, (i, j) => Expr.Number(inv[i, j]));
            }
            case Kind.Float:
            {
                var inv = FloatInverse(ToDoubles(a, n), n) ?? throw Singular();
                return ExprMatrix.Create(n, n, (i, j) => Expr.Float(inv[i, j]));
            }
            default:
            {
                var all = Enumerable.Range(0, n).ToArray();
                var entries = ExpandEntries(a);
                var ring = new PolyRing("inverse", n);
                var det = SymbolicDeterminant(entries, all, all, ring);
                if (det is Number { IsZero: true }) throw Singular();
                // inverse[i, j] = C_ji / det, with C_ji = (-1)^(i+j) det(A without row j and column i).
                return ExprMatrix.Create(n, n, (i, j) =>
                {
                    var minor = SymbolicDeterminant(entries, all.Where(r => r != j).ToArray(), all.Where(c => c != i).ToArray(), ring);
                    var cofactor = (i + j) % 2 == 0 ? minor : Expr.Neg(minor);
                    return Expr.Div(cofactor, det); // the cofactor is already expanded
                });
            }
        }
    }

    private static SymbolicException Singular() => new("matrix is singular");

    /// <summary>Gauss-Jordan elimination on [A | I]; null when A is singular.</summary>
    private static Rational[,]? ExactInverse(Rational[,] a, int n)
    {
        var inv = new Rational[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inv[i, j] = i == j ? Rational.One : Rational.Zero;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            while (pivot < n && a[pivot, col].IsZero) pivot++;
            if (pivot == n) return null;
            SwapRows(a, pivot, col, n);
            SwapRows(inv, pivot, col, n);
            var p = a[col, col].Reciprocal();
            for (int c = 0; c < n; c++)
            {
                a[col, c] *= p;
                inv[col, c] *= p;
            }
            for (int r = 0; r < n; r++)
            {
                if (r == col || a[r, col].IsZero) continue;
                var f = a[r, col];
                for (int c = 0; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                    inv[r, c] -= f * inv[col, c];
                }
            }
        }
        return inv;
    }

    /// <summary>Gauss-Jordan elimination with partial pivoting in double precision; null when a pivot is exactly zero.</summary>
    private static double[,]? FloatInverse(double[,] a, int n)
    {
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) inv[i, i] = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (a[pivot, col] == 0) return null;
            SwapRows(a, pivot, col, n);
            SwapRows(inv, pivot, col, n);
            var p = 1 / a[col, col];
            for (int c = 0; c < n; c++)
            {
                a[col, c] *= p;
                inv[col, c] *= p;
            }
            for (int r = 0; r < n; r++)
            {
                if (r == col || a[r, col] == 0) continue;
                var f = a[r, col];
                for (int c = 0; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                    inv[r, c] -= f * inv[col, c];
                }
            }
        }
        return inv;
    }

    // ------------------------------------------------------------------ eigenvalues

    /// <summary>The eigenvalues with multiplicity, exact where possible (see the class remarks).</summary>
    /// <exception cref="SymbolicException">The matrix is not square, has complex eigenvalues, or is a symbolic
    /// matrix larger than 2x2 that is not triangular.</exception>
    public static IReadOnlyList<Expr> Eigenvalues(ExprMatrix m)
    {
        m = RequireSquare(m, "cannot compute the eigenvalues of a");
        return ComputeEigenvalues(m);
    }

    private static IReadOnlyList<Expr> ComputeEigenvalues(ExprMatrix m)
    {
        int n = m.Rows;
        if (n == 0) return [];
        if (IsTriangular(m)) return Sorted(Enumerable.Range(0, n).Select(i => m[i, i]).ToList());
        if (n == 2) return Sorted(TwoByTwo(m));
        var kind = Classify(m);
        if (kind == Kind.Symbolic && m.Elements.Any(e => e.FreeSymbols.Count != 0))
            throw new SymbolicException("eigenvalues of a symbolic matrix larger than 2x2 are not supported");
        var a = m.ToArray();
        double[,] values;
        try
        {
            values = ToDoubles(a, n);
        }
        catch (SymbolicException)
        {
            throw new SymbolicException("eigenvalues of a symbolic matrix larger than 2x2 are not supported");
        }
        if (values.Cast<double>().Any(v => !double.IsFinite(v)))
            throw new SymbolicException("cannot compute the eigenvalues of a matrix with entries that are not finite");
        var numeric = Matrix<double>.Build.DenseOfArray(values).Evd().EigenValues.ToArray();
        if (kind == Kind.Exact && n <= MaxExactEigenSize && ExactEigenvalues(ToRationals(a, n), n, numeric) is { } exact)
            return Sorted(exact);
        double scale = Math.Max(1, numeric.Max(z => z.Magnitude));
        var complex = numeric.Where(z => Math.Abs(z.Imaginary) > ComplexTolerance * scale).ToList();
        if (complex.Count > 0)
            throw ComplexEigenvalues(complex
                .OrderBy(z => z.Real).ThenBy(z => z.Imaginary)
                .Select(z => FormatComplex(Expr.Float(z.Real), Expr.Float(Math.Abs(z.Imaginary)), z.Imaginary < 0)));
        return Sorted(numeric.Select(z => (Expr)Expr.Float(z.Real)).ToList());
    }

    private static bool IsTriangular(ExprMatrix m)
    {
        bool upper = true, lower = true;
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Columns; j++)
            {
                if (i > j && !IsExactZero(m[i, j])) upper = false;
                if (i < j && !IsExactZero(m[i, j])) lower = false;
            }
        return upper || lower;
    }

    /// <summary>(t ± sqrt(t^2 - 4 det))/2 for [[a, b], [c, d]], with t = a + d; the discriminant is (a - d)^2 + 4bc.</summary>
    private static List<Expr> TwoByTwo(ExprMatrix m)
    {
        Expr a = m[0, 0], b = m[0, 1], c = m[1, 0], d = m[1, 1];
        var trace = Expander.Expand(a + d);
        var discriminant = Expander.Expand(Expr.Pow(a - d, Expr.Two) + Expr.Mul(4, b, c));
        var half = Expr.Half;
        if (IsNegative(discriminant))
        {
            var re = Expander.Expand(half * trace);
            var im = Expander.Expand(half * SquareRoot(Expander.Expand(-discriminant)));
            throw ComplexEigenvalues([FormatComplex(re, im, true), FormatComplex(re, im, false)]);
        }
        var root = SquareRoot(discriminant);
        return
        [
            Expander.Expand(half * (trace - root)),
            Expander.Expand(half * (trace + root)),
        ];
    }

    /// <summary>True when <paramref name="e"/> is a negative number, or a constant expression whose value is negative.</summary>
    private static bool IsNegative(Expr e)
    {
        if (e is Number n) return n.IsNegative;
        return NumericValue(e) is { } v && v < 0;
    }

    /// <summary>
    /// √e with the square part of a numeric factor taken out: √8 = 2√2, √(3/4) = √3/2, √(8 x) = 2√(2x)
    /// (for a positive coefficient c, √(c u) = √c √u).
    /// </summary>
    private static Expr SquareRoot(Expr e)
    {
        switch (e)
        {
            case Number { IsExact: true } n when n.Exact.Sign >= 0:
                return ExactSquareRoot(n.Exact);
            case Number n:
                return Expr.Float(Math.Sqrt(n.Value));
            case Mul m when m.Factors[0] is Number { IsExact: true } c && c.Exact.Sign > 0:
                var rest = Expr.Mul(m.Factors.Skip(1));
                return Expr.Mul(ExactSquareRoot(c.Exact), Expr.Sqrt(rest));
            default:
                return Expr.Sqrt(e);
        }
    }

    /// <summary>√(p/q) = (s/q)√r where p q = s² r and r has no square factor found by trial division.</summary>
    internal static Expr ExactSquareRoot(Rational value)
    {
        if (value.IsZero) return Expr.Zero;
        var (s, r) = SplitSquare(value.Numerator * value.Denominator);
        var coefficient = Expr.Number(Rational.Create(s, value.Denominator));
        return r.IsOne ? coefficient : Expr.Mul(coefficient, Expr.Sqrt(Expr.Number(r)));
    }

    /// <summary>n = s² r for n &gt; 0: primes below 10^5 by trial division, then a leftover that is a perfect square.</summary>
    private static (BigInteger Square, BigInteger Free) SplitSquare(BigInteger n)
    {
        BigInteger s = BigInteger.One, r = BigInteger.One;
        for (int p = 2; p <= 100_000 && (BigInteger)p * p <= n; p += p == 2 ? 1 : 2)
        {
            int k = 0;
            while ((n % p).IsZero)
            {
                n /= p;
                k++;
            }
            if (k == 0) continue;
            s *= BigInteger.Pow(p, k / 2);
            if (k % 2 == 1) r *= p;
        }
        var root = IntegerSquareRoot(n);
        if (root * root == n) s *= root;
        else r *= n;
        return (s, r);
    }

    private static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n < 2) return n;
        var x = (BigInteger)Math.Sqrt((double)n);
        // Newton's iteration from the double estimate, then fix up by one either way.
        for (int i = 0; i < 100; i++)
        {
            var next = (x + n / x) >> 1;
            if (BigInteger.Abs(next - x) <= 1) { x = next; break; }
            x = next;
        }
        while (x * x > n) x--;
        while ((x + 1) * (x + 1) <= n) x++;
        return x;
    }

    /// <summary>
    /// Exact eigenvalues of a rational matrix when its characteristic polynomial splits into rational roots
    /// and at most one quadratic; the numeric eigenvalues propose the rational candidates, which are checked
    /// exactly. Null when that does not succeed.
    /// </summary>
    private static List<Expr>? ExactEigenvalues(Rational[,] a, int n, System.Numerics.Complex[] numeric)
    {
        var poly = CharacteristicPolynomial(a, n); // poly[k] is the coefficient of x^k; monic
        var lcm = BigInteger.One;
        foreach (var c in poly) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        var denominators = new List<BigInteger> { BigInteger.One };
        for (int d = 2; d <= 1000 && d <= lcm; d++)
            if ((lcm % d).IsZero) denominators.Add(d);
        if (lcm > 1000) denominators.Add(lcm);

        var roots = new List<Expr>();
        foreach (var z in numeric.OrderBy(z => z.Real))
        {
            if (poly.Count <= 3) break;
            if (!double.IsFinite(z.Real) || Math.Abs(z.Real) > 1e15) continue;
            foreach (var d in denominators)
            {
                double scaled = Math.Round(z.Real * (double)d);
                if (!double.IsFinite(scaled)) continue;
                var candidate = Rational.Create(new BigInteger(scaled), d);
                if (!Evaluate(poly, candidate).IsZero) continue;
                poly = Deflate(poly, candidate);
                roots.Add(Expr.Number(candidate));
                break;
            }
        }
        switch (poly.Count - 1)
        {
            case 0:
                return roots;
            case 1:
                roots.Add(Expr.Number(-poly[0]));
                return roots;
            case 2:
            {
                // x^2 + b x + c: (-b ± sqrt(b^2 - 4c))/2
                var b = poly[1];
                var discriminant = b * b - 4 * poly[0];
                var re = Expr.Number(-b / 2);
                if (discriminant.Sign < 0)
                {
                    var im = Expr.Mul(Expr.Half, ExactSquareRoot(-discriminant));
                    throw ComplexEigenvalues([FormatComplex(re, im, true), FormatComplex(re, im, false)]);
                }
                var root = Expr.Mul(Expr.Half, ExactSquareRoot(discriminant));
                roots.Add(Expr.Sub(re, root));
                roots.Add(Expr.Add(re, root));
                return roots;
            }
            default:
                return null;
        }
    }

    /// <summary>det(x I - A) by Faddeev-LeVerrier: coefficient of x^k at index k, leading coefficient 1.</summary>
    private static List<Rational> CharacteristicPolynomial(Rational[,] a, int n)
    {
        var c = new Rational[n + 1];
        c[n] = Rational.One;
        var m = new Rational[n, n]; // M_0 = 0
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                m[i, j] = Rational.Zero;
        for (int k = 1; k <= n; k++)
        {
            // M_k = A M_{k-1} + c_{n-k+1} I;  c_{n-k} = -tr(A M_k) / k
            var am = Multiply(a, m, n);
            for (int i = 0; i < n; i++) am[i, i] += c[n - k + 1];
            m = am;
            var product = Multiply(a, m, n);
            var trace = Rational.Zero;
            for (int i = 0; i < n; i++) trace += product[i, i];
            c[n - k] = -trace / k;
        }
        return [.. c];
    }

    private static Rational[,] Multiply(Rational[,] a, Rational[,] b, int n)
    {
        var r = new Rational[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var sum = Rational.Zero;
                for (int k = 0; k < n; k++)
                    if (!a[i, k].IsZero && !b[k, j].IsZero) sum += a[i, k] * b[k, j];
                r[i, j] = sum;
            }
        return r;
    }

    private static Rational Evaluate(List<Rational> poly, Rational x)
    {
        var sum = Rational.Zero;
        for (int k = poly.Count - 1; k >= 0; k--) sum = sum * x + poly[k];
        return sum;
    }

    /// <summary>poly / (x - root) by synthetic division; root must be a root.</summary>
    private static List<Rational> Deflate(List<Rational> poly, Rational root)
    {
        int degree = poly.Count - 1;
        var quotient = new Rational[degree];
        var carry = Rational.Zero;
        for (int k = degree; k >= 1; k--)
        {
            carry = carry * root + poly[k];
            quotient[k - 1] = carry;
        }
        return [.. quotient];
    }

    private static SymbolicException ComplexEigenvalues(IEnumerable<string> values) =>
        new($"matrix has complex eigenvalues: {string.Join(", ", values)}");

    /// <summary><c>re - im*i</c> or <c>re + im*i</c> (im &gt; 0).</summary>
    private static string FormatComplex(Expr re, Expr im, bool minus)
    {
        var imaginary = im is Number { IsOne: true } ? "i" : $"{im}*i";
        if (IsExactZero(re)) return minus ? "-" + imaginary : imaginary;
        return $"{re} {(minus ? '-' : '+')} {imaginary}";
    }

    /// <summary>Ascending by numeric value when every eigenvalue has one (ties by the canonical order); otherwise as given.</summary>
    private static List<Expr> Sorted(List<Expr> values)
    {
        var numeric = values.Select(NumericValue).ToList();
        if (numeric.Any(v => v is null)) return values;
        return values
            .Select((e, i) => (e, v: numeric[i]!.Value))
            .OrderBy(p => p.v)
            .ThenBy(p => p.e, ExprOrder.Comparer)
            .Select(p => p.e)
            .ToList();
    }

    /// <summary>The value of an expression without free symbols, or null.</summary>
    private static double? NumericValue(Expr e)
    {
        if (e is Number n) return n.Value;
        if (e.FreeSymbols.Count != 0) return null;
        try
        {
            var v = Interpreter.Evaluate(e, _ => null);
            return double.IsNaN(v) ? null : v;
        }
        catch (SymbolicException)
        {
            return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    private enum Kind { Exact, Float, Symbolic }

    private static Kind Classify(ExprMatrix m)
    {
        var kind = Kind.Exact;
        foreach (var e in m.Elements)
        {
            if (e is not Number n) return Kind.Symbolic;
            if (!n.IsExact) kind = Kind.Float;
        }
        return kind;
    }

    /// <summary>The matrix (a vector as n x 1) when square; otherwise the error "<paramref name="what"/> RxC matrix: it is not square".</summary>
    private static ExprMatrix RequireSquare(ExprMatrix m, string what)
    {
        m = m.AsMatrix();
        if (!m.IsSquare) throw new SymbolicException($"{what} {m.Shape}: it is not square");
        return m;
    }

    private static bool IsExactZero(Expr e) => e is Number { IsZero: true };

    private static Rational[,] ToRationals(Expr[,] a, int n)
    {
        var r = new Rational[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                r[i, j] = ((Number)a[i, j]).Exact;
        return r;
    }

    /// <summary>The entries as doubles; an entry with free symbols or an undefined function is a <see cref="SymbolicException"/>.</summary>
    private static double[,] ToDoubles(Expr[,] a, int n)
    {
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                r[i, j] = a[i, j] is Number num ? num.Value : Interpreter.Evaluate(a[i, j], _ => null);
        return r;
    }

    private static void SwapRows<T>(T[,] a, int r1, int r2, int n)
    {
        if (r1 == r2) return;
        for (int c = 0; c < n; c++) (a[r1, c], a[r2, c]) = (a[r2, c], a[r1, c]);
    }
}
