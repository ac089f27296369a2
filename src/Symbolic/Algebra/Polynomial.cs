using System.Numerics;

namespace Symbolic.Algebra;

/// <summary>A monomial: the exponent of each variable, by variable index, without trailing zeros.</summary>
internal readonly struct Monomial : IEquatable<Monomial>
{
    private readonly int[]? _exponents;
    private readonly int _hash;

    public static readonly Monomial One = new([]);

    public Monomial(int[] exponents)
    {
        int n = exponents.Length;
        while (n > 0 && exponents[n - 1] == 0) n--;
        _exponents = n == exponents.Length ? exponents : exponents[..n];
        var h = new HashCode();
        foreach (var e in _exponents) h.Add(e);
        _hash = h.ToHashCode();
    }

    public static Monomial Variable(int index, int exponent = 1)
    {
        var e = new int[index + 1];
        e[index] = exponent;
        return new Monomial(e);
    }

    private int[] Exponents => _exponents ?? [];

    public int Length => Exponents.Length;

    public int this[int variable] => variable < Exponents.Length ? Exponents[variable] : 0;

    public bool IsOne => Exponents.Length == 0;

    /// <summary>The exponents by variable index (a copy).</summary>
    public int[] ToArray() => (int[])Exponents.Clone();

    public int TotalDegree => Exponents.Sum();

    public static Monomial operator *(Monomial a, Monomial b)
    {
        var r = new int[Math.Max(a.Length, b.Length)];
        for (int i = 0; i < r.Length; i++) r[i] = a[i] + b[i];
        return new Monomial(r);
    }

    /// <summary>a / b when b divides a, else null.</summary>
    public static Monomial? Divide(Monomial a, Monomial b)
    {
        if (b.Length > a.Length) return null;
        var r = new int[a.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = a[i] - b[i];
            if (r[i] < 0) return null;
        }
        return new Monomial(r);
    }

    public Monomial With(int variable, int exponent)
    {
        var r = new int[Math.Max(Length, variable + 1)];
        Exponents.CopyTo(r, 0);
        r[variable] = exponent;
        return new Monomial(r);
    }

    /// <summary>The smallest exponents of both (their gcd).</summary>
    public static Monomial Min(Monomial a, Monomial b)
    {
        var r = new int[Math.Min(a.Length, b.Length)];
        for (int i = 0; i < r.Length; i++) r[i] = Math.Min(a[i], b[i]);
        return new Monomial(r);
    }

    /// <summary>Lexicographic order with the highest-indexed variable most significant.</summary>
    public static int CompareLex(Monomial a, Monomial b)
    {
        for (int i = Math.Max(a.Length, b.Length) - 1; i >= 0; i--)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    public bool Equals(Monomial other)
    {
        if (_hash != other._hash || Length != other.Length) return false;
        for (int i = 0; i < Length; i++) if (this[i] != other[i]) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);

    public override int GetHashCode() => _hash;
}

/// <summary>
/// A sparse multivariate polynomial with exact rational coefficients, used by the simplifier to put
/// expressions over a common denominator and cancel common factors. Variables are indices into a
/// list of kernels (symbols, function calls, irrational powers) kept by the caller.
/// </summary>
internal sealed class Polynomial
{
    private readonly Dictionary<Monomial, Rational> _terms;

    private Polynomial(Dictionary<Monomial, Rational> terms) => _terms = terms;

    public static readonly Polynomial Zero = new(new());

    public static Polynomial Constant(Rational c) =>
        c.IsZero ? Zero : new(new() { [Monomial.One] = c });

    public static readonly Polynomial One = Constant(Rational.One);

    public static Polynomial Variable(int index) => new(new() { [Monomial.Variable(index)] = Rational.One });

    public static Polynomial Term(Rational c, Monomial m) => c.IsZero ? Zero : new(new() { [m] = c });

    public IReadOnlyDictionary<Monomial, Rational> Terms => _terms;

    public bool IsZero => _terms.Count == 0;

    public bool IsConstant => _terms.Count == 0 || _terms.Count == 1 && _terms.ContainsKey(Monomial.One);

    public Rational ConstantValue => _terms.GetValueOrDefault(Monomial.One, Rational.Zero);

    public int TermCount => _terms.Count;

    public static Polynomial operator +(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        var r = new Dictionary<Monomial, Rational>(a._terms);
        foreach (var (m, c) in b._terms) AddTo(r, m, c);
        return new Polynomial(r);
    }

    public static Polynomial operator -(Polynomial a) =>
        new(a._terms.ToDictionary(t => t.Key, t => -t.Value));

    public static Polynomial operator -(Polynomial a, Polynomial b) => a + -b;

    public static Polynomial operator *(Polynomial a, Polynomial b)
    {
        if (a.IsZero || b.IsZero) return Zero;
        // The engine multiplies (packed monomials, integer coefficients) unless a factor is a single term.
        if (a._terms.Count > 1 && b._terms.Count > 1
            && SparsePolynomial<ulong>.MultiplyIndexed(a.Indexed(), b.Indexed()) is { } product)
        {
            var terms = new Dictionary<Monomial, Rational>(product.Count);
            foreach (var (e, c) in product) terms[new Monomial(e)] = c;
            return new Polynomial(terms);
        }
        var r = new Dictionary<Monomial, Rational>(a._terms.Count * b._terms.Count);
        var context = ComputeContext.Current;
        foreach (var (ma, ca) in a._terms)
        {
            context.ThrowIfStopped();
            foreach (var (mb, cb) in b._terms)
                AddTo(r, ma * mb, ca * cb);
        }
        return new Polynomial(r);
    }

    private List<(int[] Exponents, Rational Coefficient)> Indexed() =>
        _terms.Select(t => (t.Key.ToArray(), t.Value)).ToList();

    public Polynomial Scale(Rational c) =>
        c.IsZero ? Zero : c.IsOne ? this : new(_terms.ToDictionary(t => t.Key, t => t.Value * c));

    public Polynomial MultiplyMonomial(Monomial m) =>
        m.IsOne ? this : new(_terms.ToDictionary(t => t.Key * m, t => t.Value));

    public Polynomial Pow(int n)
    {
        Polynomial result = One, square = this;
        while (n > 0)
        {
            if ((n & 1) == 1) result *= square;
            n >>= 1;
            if (n > 0) square *= square;
        }
        return result;
    }

    private static void AddTo(Dictionary<Monomial, Rational> r, Monomial m, Rational c)
    {
        if (r.TryGetValue(m, out var old))
        {
            var sum = old + c;
            if (sum.IsZero) r.Remove(m); else r[m] = sum;
        }
        else if (!c.IsZero) r[m] = c;
    }

    public int Degree(int variable) => _terms.Count == 0 ? -1 : _terms.Keys.Max(m => m[variable]);

    /// <summary>The highest variable index that occurs, or -1 for a constant.</summary>
    public int MainVariable()
    {
        int v = -1;
        foreach (var m in _terms.Keys) v = Math.Max(v, m.Length - 1);
        return v;
    }

    public bool Contains(int variable) => _terms.Keys.Any(m => m[variable] > 0);

    /// <summary>The coefficients in <paramref name="variable"/>: this = Σ_k c_k v^k, c_k free of v.</summary>
    public Dictionary<int, Polynomial> Coefficients(int variable)
    {
        var parts = new Dictionary<int, Dictionary<Monomial, Rational>>();
        foreach (var (m, c) in _terms)
        {
            int k = m[variable];
            if (!parts.TryGetValue(k, out var d)) parts[k] = d = new();
            d[m.With(variable, 0)] = c;
        }
        return parts.ToDictionary(p => p.Key, p => new Polynomial(p.Value));
    }

    public Polynomial LeadingCoefficient(int variable)
    {
        int d = Degree(variable);
        return new Polynomial(_terms.Where(t => t.Key[variable] == d).ToDictionary(t => t.Key.With(variable, 0), t => t.Value));
    }

    /// <summary>The monomial dividing every term (smallest exponent of each variable).</summary>
    public Monomial MonomialContent()
    {
        Monomial? g = null;
        foreach (var m in _terms.Keys) g = g is { } x ? Monomial.Min(x, m) : m;
        return g ?? Monomial.One;
    }

    /// <summary>A positive rational c such that this / c has coprime integer coefficients.</summary>
    public Rational NumericContent()
    {
        BigInteger num = BigInteger.Zero, den = BigInteger.One;
        foreach (var c in _terms.Values)
        {
            num = BigInteger.GreatestCommonDivisor(num, c.Numerator);
            den = den / BigInteger.GreatestCommonDivisor(den, c.Denominator) * c.Denominator;
        }
        return num.IsZero ? Rational.One : Rational.Create(num, den);
    }

    /// <summary>The leading term's coefficient in lex order (its sign normalizes gcds).</summary>
    public Rational LeadingNumber()
    {
        Monomial? best = null;
        Rational c = Rational.Zero;
        foreach (var (m, v) in _terms)
            if (best is null || Monomial.CompareLex(m, best.Value) > 0) { best = m; c = v; }
        return c;
    }

    /// <summary>Content-free, integer coefficients, positive leading coefficient.</summary>
    public Polynomial Normalized()
    {
        if (IsZero) return this;
        var content = NumericContent();
        if (LeadingNumber().Sign < 0) content = -content;
        return Scale(content.Reciprocal());
    }

    private KeyValuePair<Monomial, Rational> LeadingTerm()
    {
        var best = default(KeyValuePair<Monomial, Rational>);
        bool first = true;
        foreach (var t in _terms)
            if (first || Monomial.CompareLex(t.Key, best.Key) > 0) { best = t; first = false; }
        return best;
    }

    /// <summary>this / divisor when the division is exact, else null.</summary>
    public Polynomial? DivideExact(Polynomial divisor)
    {
        if (divisor.IsZero) return null;
        if (IsZero) return Zero;
        if (divisor.IsConstant) return Scale(divisor.ConstantValue.Reciprocal());
        var lead = divisor.LeadingTerm();
        var quotient = new Dictionary<Monomial, Rational>();
        var rest = new Dictionary<Monomial, Rational>(_terms);
        int guard = 0;
        var context = ComputeContext.Current;
        while (rest.Count > 0)
        {
            if ((guard & 63) == 0) context.ThrowIfStopped();
            var lt = new Polynomial(rest).LeadingTerm();
            if (Monomial.Divide(lt.Key, lead.Key) is not { } m) return null;
            var c = lt.Value / lead.Value;
            quotient[m] = c;
            foreach (var (dm, dc) in divisor._terms) AddTo(rest, dm * m, -(dc * c));
            if (++guard > 1_000_000) return null;
        }
        return new Polynomial(quotient);
    }

    /// <summary>The greatest common divisor, normalized (integer coprime coefficients, positive lead).</summary>
    public static Polynomial Gcd(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return b.Normalized();
        if (b.IsZero) return a.Normalized();
        if (a.IsConstant || b.IsConstant) return One;
        var mono = Monomial.Min(a.MonomialContent(), b.MonomialContent());
        if (!mono.IsOne)
        {
            a = a.DivideExact(Term(Rational.One, mono))!;
            b = b.DivideExact(Term(Rational.One, mono))!;
        }
        return GcdRecursive(a, b).MultiplyMonomial(mono).Normalized();
    }

    // gcd over Q[x_0..x_v]: split off the contents in the main variable, then a primitive
    // pseudo-remainder sequence on the primitive parts.
    private static Polynomial GcdRecursive(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        if (a.IsConstant || b.IsConstant) return One;
        int v = Math.Max(a.MainVariable(), b.MainVariable());
        bool inA = a.Contains(v), inB = b.Contains(v);
        if (!inA || !inB)
        {
            // gcd(a, b) with v only in a is the gcd of b and each coefficient of a in v.
            var (withV, without) = inA ? (a, b) : (b, a);
            var g = without;
            foreach (var c in withV.Coefficients(v).Values)
            {
                g = GcdRecursive(g, c);
                if (g.IsConstant) return One;
            }
            return g;
        }
        var contentA = Content(a, v);
        var contentB = Content(b, v);
        var pa = a.DivideExact(contentA)!;
        var pb = b.DivideExact(contentB)!;
        var contentGcd = GcdRecursive(contentA, contentB);
        if (pa.Degree(v) < pb.Degree(v)) (pa, pb) = (pb, pa);
        while (!pb.IsZero && pb.Degree(v) > 0)
        {
            ComputeContext.CheckStopped();
            var r = PseudoRemainder(pa, pb, v);
            pa = pb;
            pb = r.IsZero ? r : r.DivideExact(Content(r, v))!.Normalized();
        }
        var last = pb.IsZero ? pa : One; // a nonzero constant remainder: the primitive parts are coprime
        return (contentGcd * last.Normalized()).Normalized();
    }

    private static Polynomial Content(Polynomial p, int v)
    {
        Polynomial g = Zero;
        foreach (var c in p.Coefficients(v).Values)
        {
            g = g.IsZero ? c : GcdRecursive(g, c);
            if (g.IsConstant) return One;
        }
        return g.Normalized();
    }

    private static Polynomial PseudoRemainder(Polynomial a, Polynomial b, int v)
    {
        int db = b.Degree(v);
        var lb = b.LeadingCoefficient(v);
        var r = a;
        while (!r.IsZero && r.Degree(v) >= db)
        {
            int dr = r.Degree(v);
            var lr = r.LeadingCoefficient(v);
            r = lb * r - (lr * b).MultiplyMonomial(Monomial.Variable(v, dr - db));
        }
        return r;
    }
}
