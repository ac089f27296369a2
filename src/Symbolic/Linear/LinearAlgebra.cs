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
/// (inverse, <see cref="Solve"/>) on <see cref="Rational"/>, which is exact and O(n^3).</item>
/// <item>All entries numbers, some of them floating point: the same elimination routine (one generic
/// routine over a field) in double precision with partial pivoting; the results are floating-point numbers.</item>
/// <item>Otherwise (symbols, or constants such as <c>sqrt(2)</c>): the entries are multiplied out and the
/// determinant is computed with products done by the polynomial engine (<see cref="Expander"/>), so it comes
/// out expanded: <c>det([[a, b], [c, d]])</c> is <c>a*d - b*c</c>. Up to 10x10 by Laplace (cofactor) expansion along the
/// rows with every minor memoized by its set of columns (n 2^(n-1) products instead of n!, and zero
/// entries skipped); beyond that by the division-free Samuelson-Berkowitz algorithm, O(n^4) ring operations.
/// Fraction-free Bareiss elimination was not chosen because its exact divisions need multivariate
/// polynomial division. Work is bounded by the budgets of <see cref="ComputeContext.Current"/> (pairs of
/// terms multiplied, at most ten times <see cref="ComputeLimits.MaxTerms"/>; terms of each product), so a
/// huge symbolic determinant is a clear <see cref="ErrorCodes.LimitExceeded"/> error rather than a hang.
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
        ArgumentNullException.ThrowIfNull(m);
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

    /// <summary>The determinant: exact when every entry is an exact number, in floating point when the entries are numbers
    /// and one is a float, and expanded
    /// (Laplace expansion for small matrices, Berkowitz beyond) for symbolic ones.</summary>
    /// <exception cref="SymbolicException">The matrix is not square, or a budget of <see cref="ComputeContext.Current"/> is exceeded.</exception>
    public static Expr Determinant(ExprMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        m = RequireSquare(m, "cannot take the determinant of a");
        int n = m.Rows;
        var a = m.ToArray();
        return Classify(m) switch
        {
            Kind.Exact => Expr.Number(Elimination<Rational, RationalField>.Determinant(ToRationals(a, n))),
            Kind.Float => Expr.Float(Elimination<double, DoubleField>.Determinant(ToDoubles(a, n))),
            _ => Determinants(ExpandEntries(a), "determinant").Of(Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).ToArray()),
        };
    }

    /// <summary>The entries multiplied out.</summary>
    private static Expr[,] ExpandEntries(Expr[,] a)
    {
        var entries = new Expr[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < entries.GetLength(0); i++)
            for (int j = 0; j < entries.GetLength(1); j++)
                entries[i, j] = a[i, j] is Number or Symbol ? a[i, j] : Expander.Expand(a[i, j]);
        return entries;
    }

    /// <summary>The ring the symbolic determinants of <paramref name="a"/> are computed in: packed polynomials
    /// over the matrix's atoms when every coefficient is an exact rational, expressions otherwise.</summary>
    private static ISymbolicDeterminants Determinants(Expr[,] a, string what)
    {
        int n = a.GetLength(0);
        var rows = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]));
        if (SparsePolynomial<ulong>.RingFor(rows) is { } ring)
        {
            var entries = new SparsePolynomial<ulong>[n, a.GetLength(1)];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < a.GetLength(1); j++)
                    entries[i, j] = ring.From(a[i, j]);
            return new SymbolicDeterminants<SparsePolynomial<ulong>, PackedRing>(entries, new PackedRing(ring), what);
        }
        return new SymbolicDeterminants<Expr, ExpressionRing>(a, new ExpressionRing(), what);
    }

    private interface ISymbolicDeterminants
    {
        Expr Of(int[] rows, int[] columns);
    }

    /// <summary>The commutative ring the determinants are computed in.</summary>
    private interface IRing<T>
    {
        T Zero { get; }
        T One { get; }
        bool IsZero(T a);
        int Terms(T a);
        T Negate(T a);
        T Multiply(T a, T b);
        T Sum(List<T> terms);
        Expr ToExpr(T a);
    }

    /// <summary>Packed polynomials of the engine: products without building expressions.</summary>
    private readonly struct PackedRing(SparsePolynomial<ulong>.Ring ring) : IRing<SparsePolynomial<ulong>>
    {
        public SparsePolynomial<ulong> Zero => ring.Zero;
        public SparsePolynomial<ulong> One => ring.One;
        public bool IsZero(SparsePolynomial<ulong> a) => a.IsZero;
        public int Terms(SparsePolynomial<ulong> a) => a.TermCount;
        public SparsePolynomial<ulong> Negate(SparsePolynomial<ulong> a) => a.Negate();
        public SparsePolynomial<ulong> Multiply(SparsePolynomial<ulong> a, SparsePolynomial<ulong> b) => a.Times(b, ComputeContext.Current);
        public SparsePolynomial<ulong> Sum(List<SparsePolynomial<ulong>> terms) => ring.Sum(terms);
        public Expr ToExpr(SparsePolynomial<ulong> a) => a.ToExpr();
    }

    /// <summary>Expanded expressions (floating-point coefficients): products by <see cref="Expander.Distribute"/>.</summary>
    private readonly struct ExpressionRing : IRing<Expr>
    {
        public Expr Zero => Expr.Zero;
        public Expr One => Expr.One;
        public bool IsZero(Expr a) => a is Number { IsZero: true };
        public int Terms(Expr a) => a is Add sum ? sum.Terms.Length : 1;
        public Expr Negate(Expr a) => Expander.Distribute([Expr.MinusOne, a]);
        public Expr Multiply(Expr a, Expr b) => Expander.Distribute([a, b]);
        public Expr Sum(List<Expr> terms) => Expr.Add(terms);
        public Expr ToExpr(Expr a) => a;
    }

    /// <summary>
    /// Expanded determinants of submatrices of one symbolic matrix. The work (pairs of terms multiplied) is
    /// charged against ten times <see cref="ComputeLimits.MaxTerms"/>, and the context is checked between products.
    /// </summary>
    private sealed class SymbolicDeterminants<T, R>(T[,] a, R ring, string what) : ISymbolicDeterminants where R : struct, IRing<T>
    {
        private readonly ComputeContext _context = ComputeContext.Current;
        private long _work;

        /// <summary>
        /// The expanded determinant of the submatrix on <paramref name="rows"/> x <paramref name="columns"/>:
        /// memoized Laplace expansion up to <see cref="MaxLaplaceSize"/>, the division-free Berkowitz algorithm beyond.
        /// </summary>
        public Expr Of(int[] rows, int[] columns) =>
            ring.ToExpr(rows.Length <= MaxLaplaceSize ? Laplace(rows, columns) : Berkowitz(rows, columns));

        /// <summary>p q multiplied out, charged as Terms(p) Terms(q) pairs of terms.</summary>
        private T Product(T p, T q)
        {
            if (ring.IsZero(p) || ring.IsZero(q)) return ring.Zero;
            _context.ThrowIfStopped();
            _work += (long)ring.Terms(p) * ring.Terms(q);
            long budget = 10 * _context.Limits.MaxTerms;
            if (_work > budget)
                throw ComputeContext.LimitExceeded(
                    $"expression too large: the symbolic {what} of this {a.GetLength(0)}x{a.GetLength(0)} matrix needs more than {budget:N0} products of terms");
            return ring.Multiply(p, q);
        }

        /// <summary>Laplace expansion along the rows, each minor (the last k rows on a set of k columns)
        /// computed once: n 2^(n-1) products of an entry and a minor.</summary>
        private T Laplace(int[] rows, int[] columns)
        {
            int n = rows.Length;
            var memo = new Dictionary<int, T>();
            return Minor((1 << n) - 1);

            // mask: which of the n columns are still available; the minor uses the last popcount(mask) rows.
            T Minor(int mask)
            {
                int count = BitOperations.PopCount((uint)mask);
                if (count == 0) return ring.One;
                if (memo.TryGetValue(mask, out var known)) return known;
                int row = rows[n - count];
                var terms = new List<T>();
                bool negative = false;
                for (int j = 0; j < n; j++)
                {
                    if ((mask & (1 << j)) == 0) continue;
                    var entry = a[row, columns[j]];
                    if (!ring.IsZero(entry)) terms.Add(Product(negative ? ring.Negate(entry) : entry, Minor(mask & ~(1 << j))));
                    negative = !negative;
                }
                return memo[mask] = ring.Sum(terms);
            }
        }

        /// <summary>
        /// The Samuelson-Berkowitz algorithm: the characteristic polynomial of [[a, R], [C, A]] is a Toeplitz
        /// matrix with first column (1, -a, -R C, -R A C, -R A^2 C, ...) times that of A; the determinant is
        /// (-1)^n times its constant coefficient. O(n^4) ring operations and no division, so it suits larger
        /// matrices whose entries are mostly numbers (x I - A, band matrices).
        /// </summary>
        private T Berkowitz(int[] rows, int[] columns)
        {
            int n = rows.Length;
            T At(int i, int j) => a[rows[i], columns[j]];
            // Coefficients by descending power, starting with the trailing 1x1 block.
            var poly = new List<T> { ring.One, ring.Negate(At(n - 1, n - 1)) };
            var terms = new List<T>();
            for (int k = n - 2; k >= 0; k--)
            {
                int m = n - k; // the block on rows and columns k..n-1; A is its trailing (m-1)x(m-1) block
                var toeplitz = new T[m + 1];
                toeplitz[0] = ring.One;
                toeplitz[1] = ring.Negate(At(k, k));
                var v = new T[m - 1]; // A^j C
                for (int i = 0; i < m - 1; i++) v[i] = At(k + 1 + i, k);
                for (int j = 2; j <= m; j++)
                {
                    terms.Clear();
                    for (int i = 0; i < m - 1; i++) terms.Add(Product(ring.Negate(At(k, k + 1 + i)), v[i])); // -R A^(j-2) C
                    toeplitz[j] = ring.Sum(terms);
                    if (j == m) break;
                    var next = new T[m - 1];
                    for (int r = 0; r < m - 1; r++)
                    {
                        terms.Clear();
                        for (int c = 0; c < m - 1; c++) terms.Add(Product(At(k + 1 + r, k + 1 + c), v[c]));
                        next[r] = ring.Sum(terms);
                    }
                    v = next;
                }
                var product = new List<T>(m + 1);
                for (int i = 0; i <= m; i++)
                {
                    terms.Clear();
                    for (int j = 0; j <= Math.Min(i, m - 1); j++) terms.Add(Product(toeplitz[i - j], poly[j]));
                    product.Add(ring.Sum(terms));
                }
                poly = product;
            }
            return n % 2 == 0 ? poly[n] : ring.Negate(poly[n]);
        }
    }

    // ------------------------------------------------------------------ inverse and solving

    /// <summary>The exact inverse.</summary>
    /// <exception cref="SymbolicException">The matrix is not square, or it is singular (its determinant is exactly zero).</exception>
    public static ExprMatrix Inverse(ExprMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        m = RequireSquare(m, "cannot invert a");
        int n = m.Rows;
        var a = m.ToArray();
        switch (Classify(m))
        {
            case Kind.Exact:
            {
                var inv = Elimination<Rational, RationalField>.Solve(ToRationals(a, n), Identity<Rational, RationalField>(n)) ?? throw Singular();
                return ExprMatrix.Create(n, n, (i, j) => Expr.Number(inv[i, j]));
            }
            case Kind.Float:
            {
                var inv = Elimination<double, DoubleField>.Solve(ToDoubles(a, n), Identity<double, DoubleField>(n)) ?? throw Singular();
                return ExprMatrix.Create(n, n, (i, j) => Expr.Float(inv[i, j]));
            }
            default:
            {
                var all = Enumerable.Range(0, n).ToArray();
                var determinants = Determinants(ExpandEntries(a), "inverse");
                var det = determinants.Of(all, all);
                if (det is Number { IsZero: true }) throw Singular();
                // inverse[i, j] = C_ji / det, with C_ji = (-1)^(i+j) det(A without row j and column i).
                return ExprMatrix.Create(n, n, (i, j) =>
                {
                    var minor = determinants.Of(all.Where(r => r != j).ToArray(), all.Where(c => c != i).ToArray());
                    var cofactor = (i + j) % 2 == 0 ? minor : Expr.Neg(minor);
                    return Expr.Div(cofactor, det); // the cofactor is already expanded
                });
            }
        }
    }

    /// <summary>The solution X of A X = B (B a vector or a matrix with as many rows as A), exact when the
    /// entries are exact numbers, in double precision when some are floating point, by the adjugate when symbolic.</summary>
    /// <exception cref="SymbolicException">A is not square, the shapes do not match, or A is singular.</exception>
    public static ExprMatrix Solve(ExprMatrix a, ExprMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = RequireSquare(a, "cannot solve with a");
        if (b.Rows != a.Rows)
            throw new SymbolicException($"cannot solve a {a.Shape} system with a right-hand side {b.Shape}: the row counts differ");
        int n = a.Rows, k = b.Columns;
        var both = ExprMatrix.Create(n, n + k, (i, j) => j < n ? a[i, j] : b[i, j - n]);
        ExprMatrix x = Classify(both) switch
        {
            Kind.Exact => Wrap(Elimination<Rational, RationalField>.Solve(ToRationals(a.ToArray(), n), ToRationals(b.AsMatrix().ToArray(), n, k)), Expr.Number),
            Kind.Float => Wrap(Elimination<double, DoubleField>.Solve(ToDoubles(a.ToArray(), n), ToDoubles(b.AsMatrix().ToArray(), n, k)), Expr.Float),
            _ => (Inverse(a) * b.AsMatrix()).Map(Expander.Expand),
        };
        return b.IsVector ? ExprMatrix.Vector(x.Elements) : x;

        ExprMatrix Wrap<T>(T[,]? solution, Func<T, Expr> toExpr) =>
            solution is null ? throw Singular() : ExprMatrix.Create(n, k, (i, j) => toExpr(solution[i, j]));
    }

    private static SymbolicException Singular() => new("matrix is singular", default, ErrorCodes.Undefined);

    private static T[,] Identity<T, F>(int n) where F : struct, IField<T>
    {
        var r = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                r[i, j] = i == j ? default(F).One : default(F).Zero;
        return r;
    }

    /// <summary>The arithmetic of a field, as a struct so the elimination is compiled once per field with no indirection.</summary>
    private interface IField<T>
    {
        T Zero { get; }
        T One { get; }
        bool IsZero(T a);
        T Negate(T a);
        T Subtract(T a, T b);
        T Multiply(T a, T b);
        T Divide(T a, T b);

        /// <summary>How good a pivot is: exact fields take the first nonzero entry, floating point the largest.</summary>
        double PivotWeight(T a);

        bool PicksLargestPivot { get; }
    }

    private readonly struct RationalField : IField<Rational>
    {
        public Rational Zero => Rational.Zero;
        public Rational One => Rational.One;
        public bool IsZero(Rational a) => a.IsZero;
        public Rational Negate(Rational a) => -a;
        public Rational Subtract(Rational a, Rational b) => a - b;
        public Rational Multiply(Rational a, Rational b) => a * b;
        public Rational Divide(Rational a, Rational b) => a / b;
        public double PivotWeight(Rational a) => a.IsZero ? 0 : 1;
        public bool PicksLargestPivot => false;
    }

    private readonly struct DoubleField : IField<double>
    {
        public double Zero => 0;
        public double One => 1;
        public bool IsZero(double a) => a == 0;
        public double Negate(double a) => -a;
        public double Subtract(double a, double b) => a - b;
        public double Multiply(double a, double b) => a * b;
        public double Divide(double a, double b) => a / b;
        public double PivotWeight(double a) => Math.Abs(a);
        public bool PicksLargestPivot => true;
    }

    /// <summary>
    /// Gaussian elimination over a field, the one routine behind the numeric determinant, inverse and
    /// solving: row operations with partial pivoting (the largest entry in floating point, the first nonzero
    /// one when exact), the context checked once per column.
    /// </summary>
    private static class Elimination<T, F> where F : struct, IField<T>
    {
        private static F Field => default;

        /// <summary>The determinant: the product of the pivots of the row echelon form, negated per row swap.</summary>
        public static T Determinant(T[,] a)
        {
            int n = a.GetLength(0);
            var det = Field.One;
            var context = ComputeContext.Current;
            for (int col = 0; col < n; col++)
            {
                context.ThrowIfStopped();
                int pivot = Pivot(a, col);
                if (pivot < 0) return Field.Zero;
                if (pivot != col)
                {
                    SwapRows(a, pivot, col);
                    det = Field.Negate(det);
                }
                var p = a[col, col];
                det = Field.Multiply(det, p);
                for (int r = col + 1; r < n; r++)
                {
                    if (Field.IsZero(a[r, col])) continue;
                    var f = Field.Divide(a[r, col], p);
                    for (int c = col; c < n; c++) a[r, c] = Field.Subtract(a[r, c], Field.Multiply(f, a[col, c]));
                }
            }
            return det;
        }

        /// <summary>X with A X = B by Gauss-Jordan elimination on [A | B]; null when A is singular (a zero pivot).</summary>
        public static T[,]? Solve(T[,] a, T[,] b)
        {
            int n = a.GetLength(0), k = b.GetLength(1);
            var context = ComputeContext.Current;
            for (int col = 0; col < n; col++)
            {
                context.ThrowIfStopped();
                int pivot = Pivot(a, col);
                if (pivot < 0) return null;
                SwapRows(a, pivot, col);
                SwapRows(b, pivot, col);
                var p = a[col, col];
                for (int c = 0; c < n; c++) a[col, c] = Field.Divide(a[col, c], p);
                for (int c = 0; c < k; c++) b[col, c] = Field.Divide(b[col, c], p);
                for (int r = 0; r < n; r++)
                {
                    if (r == col || Field.IsZero(a[r, col])) continue;
                    var f = a[r, col];
                    for (int c = 0; c < n; c++) a[r, c] = Field.Subtract(a[r, c], Field.Multiply(f, a[col, c]));
                    for (int c = 0; c < k; c++) b[r, c] = Field.Subtract(b[r, c], Field.Multiply(f, b[col, c]));
                }
            }
            return b;
        }

        /// <summary>The pivot row for <paramref name="col"/> at or below the diagonal, or -1 when the column is zero there.</summary>
        private static int Pivot(T[,] a, int col)
        {
            int n = a.GetLength(0), best = -1;
            double weight = 0;
            for (int r = col; r < n; r++)
            {
                double w = Field.PivotWeight(a[r, col]);
                if (w > weight)
                {
                    best = r;
                    weight = w;
                    if (!Field.PicksLargestPivot) break;
                }
            }
            return best;
        }

        private static void SwapRows(T[,] a, int r1, int r2)
        {
            if (r1 == r2) return;
            for (int c = 0; c < a.GetLength(1); c++) (a[r1, c], a[r2, c]) = (a[r2, c], a[r1, c]);
        }
    }

    // ------------------------------------------------------------------ eigenvalues

    /// <summary>The eigenvalues with multiplicity, exact where possible (see the class remarks).</summary>
    /// <exception cref="SymbolicException">The matrix is not square, has complex eigenvalues, or is a symbolic
    /// matrix larger than 2x2 that is not triangular.</exception>
    public static IReadOnlyList<Expr> Eigenvalues(ExprMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        m = RequireSquare(m, "cannot compute the eigenvalues of a", bounded: false); // large ones go through MathNet
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
        catch (SymbolicException ex) when (!ex.IsLimit)
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
        // As a pair t ± sqrt(p^2) is t ± p (sqrt(p^2) = |p|, and the signs cover both): [a - b, a + b].
        var root = PolynomialSquareRoot(discriminant) ?? SquareRoot(discriminant);
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
            // √(4x² + 4y²) = 2√(x² + y²): the square part of the coefficients' common factor comes out
            case Add sum when CommonSquareFactor(sum) is { } s:
                return Expr.Mul(Expr.Number(s), Expr.Sqrt(Expr.Mul(Expr.Number((s * s).Reciprocal()), sum)));
            default:
                return Expr.Sqrt(e);
        }
    }

    /// <summary>
    /// p when the expanded polynomial <paramref name="e"/> is p^2 (up to the sign of p), else null. The terms
    /// of p^2 include the squares of the terms of p, so p is sought among signed sums of the square roots
    /// of the terms that are perfect squares (4*b^2 gives 2*b; a^2 - 2*a*d + d^2 gives a - d), each
    /// candidate checked by expanding its square. Only the number of such terms (at most 6) bounds the search.
    /// </summary>
    private static Expr? PolynomialSquareRoot(Expr e)
    {
        if (e.FreeSymbols.Count == 0) return null; // numbers keep their own square parts (sqrt(8)/2 = sqrt(2))
        var terms = e is Add sum ? sum.Terms.ToArray() : [e];
        var roots = terms.Select(TermSquareRoot).OfType<Expr>().ToList();
        if (roots.Count == 0 || roots.Count > 6) return null;
        // subsets by increasing size, the first root always positive (p and -p give the same pair)
        for (int mask = 1; mask < 1 << roots.Count; mask++)
        {
            var chosen = Enumerable.Range(0, roots.Count).Where(i => (mask >> i & 1) != 0).Select(i => roots[i]).ToList();
            for (int signs = 0; signs < 1 << (chosen.Count - 1); signs++)
            {
                var candidate = Expr.Add(chosen.Select((r, i) => i > 0 && (signs >> (i - 1) & 1) != 0 ? Expr.Neg(r) : r));
                if (ReferenceEquals(Expander.Expand(Expr.Pow(candidate, Expr.Two)), e)) return candidate;
            }
        }
        return null;
    }

    /// <summary>√t for a term c*u^(2k)*... with c a square rational and every exponent an even integer, else null.</summary>
    private static Expr? TermSquareRoot(Expr term)
    {
        Expr? Factor(Expr f) => f switch
        {
            Number { IsExact: true } n => n.Exact.Sign > 0 && n.Exact.Root(2) is { } r ? Expr.Number(r) : null,
            Pow { Exponent: Number { IsExact: true } k } p when k.Exact.IsInteger && k.Exact.Numerator.IsEven =>
                Expr.Pow(p.Base, Expr.Number(k.Exact / 2)),
            _ => null,
        };
        if (term is not Mul m) return Factor(term);
        var parts = new List<Expr>();
        foreach (var f in m.Factors)
        {
            if (Factor(f) is not { } r) return null;
            parts.Add(r);
        }
        return Expr.Mul(parts);
    }

    /// <summary>The largest integer s &gt; 1 whose square divides every coefficient of the sum (all integers), else null.</summary>
    private static Rational? CommonSquareFactor(Add sum)
    {
        var g = BigInteger.Zero;
        foreach (var t in sum.Terms)
        {
            var c = t switch
            {
                Number { IsExact: true } n => n.Exact,
                Mul { Factors: [Number { IsExact: true } n, ..] } => n.Exact,
                Number or Mul { Factors: [Number, ..] } => Rational.Zero, // a float: leave the sum alone
                _ => Rational.One,
            };
            if (!c.IsInteger || c.IsZero) return null;
            g = BigInteger.GreatestCommonDivisor(g, c.Numerator);
        }
        // √g = s√k with k square-free, by the core's root extraction
        var root = ExactSquareRoot(g);
        var s = root switch
        {
            Number { IsExact: true } n => n.Exact,
            Mul { Factors: [Number { IsExact: true } n, ..] } => n.Exact,
            _ => Rational.One,
        };
        return s.IsInteger && s.Numerator > 1 ? s : null;
    }

    /// <summary>√value with square factors taken out, by the core's root extraction (<see cref="Expr.Sqrt"/>).</summary>
    private static Expr ExactSquareRoot(Rational value) => Expr.Sqrt(Expr.Number(value));

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
        catch (SymbolicException ex) when (!ex.IsLimit)
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

    /// <summary>The matrix (a vector as n x 1) when square; otherwise the error "<paramref name="what"/> RxC matrix: it is not square".
    /// When <paramref name="bounded"/>, an exact or symbolic matrix above <see cref="ComputeLimits.MaxMatrixSize"/> is a limit error.</summary>
    private static ExprMatrix RequireSquare(ExprMatrix m, string what, bool bounded = true)
    {
        m = m.AsMatrix();
        if (!m.IsSquare) throw new SymbolicException($"{what} {m.Shape}: it is not square");
        // Exact elimination (and the symbolic algorithms) are bounded by the matrix size budget; floating
        // point is O(n^3) on doubles and is not.
        int limit = ComputeContext.Current.Limits.MaxMatrixSize;
        if (bounded && m.Rows > limit && Classify(m) != Kind.Float)
            throw ComputeContext.LimitExceeded($"matrix too large: exact linear algebra on a {m.Shape} (limit {limit}x{limit})");
        return m;
    }

    private static bool IsExactZero(Expr e) => e is Number { IsZero: true };

    private static Rational[,] ToRationals(Expr[,] a, int n, int? columns = null)
    {
        var r = new Rational[n, columns ?? n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < r.GetLength(1); j++)
                r[i, j] = ((Number)a[i, j]).Exact;
        return r;
    }

    /// <summary>The entries as doubles; an entry with free symbols or an undefined function is a <see cref="SymbolicException"/>.</summary>
    private static double[,] ToDoubles(Expr[,] a, int n, int? columns = null)
    {
        var r = new double[n, columns ?? n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < r.GetLength(1); j++)
                r[i, j] = a[i, j] is Number num ? num.Value : Interpreter.Evaluate(a[i, j], _ => null);
        return r;
    }

}
