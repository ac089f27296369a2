using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Symbolic.Functions;
using ConstantNode = Symbolic.Constant;
using ProductNode = Symbolic.Mul;
using SumNode = Symbolic.Add;

namespace Symbolic.Calculus;

/// <summary>
/// Truncated power series in an auxiliary variable t: an array c[0..Order] of coefficients, meaning
/// c_0 + c_1 t + ... + c_Order t^Order + O(t^(Order+1)). Coefficients are expressions; exact numbers take
/// a fast path, anything else is kept "distributed" (a sum of monomials, see <see cref="Norm"/>) so that
/// like terms meet and cancel as the series are combined.
/// </summary>
/// <remarks>
/// The elementary functions use the usual ODE recurrences (Knuth TAOCP 4.7, Brent and Kung): for
/// F = f(s) with F' = g(s) s', comparing coefficients of t^(k-1) gives F_k = (1/k) Σ_{j=1..k} j s_j G_{k-j};
/// powers use J.C.P. Miller's recurrence. Each costs O(Order^2) coefficient operations.
/// Callers check that the constant terms they divide by are nonzero.
/// </remarks>
internal sealed class SeriesRing(int order) : ISeriesArithmetic
{
    // Checked in the O(Order^2) loops: cancellation and the deadline stop a long series.
    private readonly ComputeContext _context = ComputeContext.Current;

    private readonly Dictionary<Expr, Expr> _normMemo = new();

    public int Order { get; } = order;

    // ================================================================ coefficients

    public static bool IsExactZero(Expr e) => e is Number { IsZero: true, IsExact: true };

    /// <summary>Zero, exact or floating point: a constant term that cannot be divided by.</summary>
    public static bool IsZero(Expr e) => e is Number { IsZero: true };

    public Expr Add(Expr a, Expr b)
    {
        if (a is Number na && b is Number nb) return Arithmetic.Add(na, nb);
        if (IsExactZero(a)) return b;
        if (IsExactZero(b)) return a;
        return Expr.Add(a, b);
    }

    public Expr Mul(Expr a, Expr b)
    {
        if (a is Number na)
        {
            if (b is Number nb) return Arithmetic.Mul(na, nb);
            if (na.IsZero && na.IsExact) return a;
            return na.IsOne ? b : Expr.Mul(na, b); // a number times a sum distributes in the factory
        }
        if (b is Number nb2)
        {
            if (nb2.IsZero && nb2.IsExact) return b;
            return nb2.IsOne ? a : Expr.Mul(nb2, a);
        }
        if (a is SumNode || b is SumNode) return Product([a, b]);
        return MulMonomials(a, b);
    }

    public Expr Scale(Rational r, Expr a) => Mul(Expr.Number(r), a);

    /// <summary>The sum of distributed coefficients; exact numbers are added as rationals.</summary>
    public static Expr Sum(List<Expr> terms)
    {
        switch (terms.Count)
        {
            case 0: return Expr.Zero;
            case 1: return terms[0];
        }
        bool exact = true;
        foreach (var t in terms)
            if (t is not Number { IsExact: true }) { exact = false; break; }
        if (!exact) return Expr.Add(terms);
        Rational sum = Rational.Zero;
        foreach (var t in terms) sum += ((Number)t).Exact;
        return Expr.Number(sum);
    }

    /// <summary>1/c for a nonzero coefficient.</summary>
    public Expr Inverse(Expr c) => c switch
    {
        Number { IsExact: true } n => Expr.Number(n.Exact.Reciprocal()),
        Number n => Expr.Float(1 / n.Value),
        _ => Norm(Expr.Pow(c, Expr.MinusOne)),
    };

    /// <summary>
    /// Distributes products over sums and multiplies out small positive integer powers of sums, also
    /// inside function arguments and exponents, like <see cref="Algebra.Expander"/>, but leaves negative
    /// powers of sums alone: <c>(1 + a)^-2</c> stays, so it still merges with <c>(1 + a)^-1</c>.
    /// </summary>
    public Expr Norm(Expr e)
    {
        if (e is Number or Symbol or ConstantNode) return e;
        if (_normMemo.TryGetValue(e, out var done)) return done;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = e switch
        {
            SumNode a => Expr.Add(a.Terms.Select(Norm)),
            ProductNode m => Product([.. m.Factors.Select(Norm)]),
            Pow p => NormPower(Norm(p.Base), Norm(p.Exponent)),
            _ => e.MapChildren(Norm),
        };
        _normMemo[e] = result;
        return result;
    }

    private Expr NormPower(Expr b, Expr exponent)
    {
        if (b is SumNode sum && exponent is Number { IsInteger: true } n && n.Exact.Sign > 0)
        {
            // The polynomial engine (budgeted), unless a product of the base's factors leaves a sum
            // inside a term (sqrt(1 + a)^2): then multiply as expressions, normalizing each product.
            var expanded = Algebra.Expander.PowerOfSum(sum, n.Exact.Numerator);
            if (IsDistributed(expanded)) return expanded;
            int k = (int)n.Exact.Numerator;
            Expr result = Expr.One, square = b;
            while (k > 0)
            {
                if ((k & 1) == 1) result = Product([result, square]);
                k >>= 1;
                if (k > 0) square = Product([square, square]);
            }
            return result;
        }
        var power = Expr.Pow(b, exponent);
        return IsDistributed(power) ? power : Norm(power);
    }

    /// <summary>The distributed product of distributed factors.</summary>
    private Expr Product(List<Expr> factors)
    {
        if (factors.Any(f => f is SumNode) && Algebra.Expander.Distribute(factors) is var fast && IsDistributed(fast))
            return fast;
        List<Expr> terms = [Expr.One];
        var plain = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is SumNode sum) terms = MultiplyTerms(terms, sum.Terms);
            else plain.Add(f);
        }
        var rest = Expr.Mul(plain);
        if (!IsDistributed(rest)) rest = Norm(rest);
        if (rest is SumNode restSum)
        {
            terms = MultiplyTerms(terms, restSum.Terms);
            rest = Expr.One;
        }
        if (terms.Count == 1) return MulMonomials(rest, terms[0]);
        var result = new List<Expr>(terms.Count);
        foreach (var t in terms) result.Add(MulMonomials(rest, t));
        return Expr.Add(result);
    }

    private List<Expr> MultiplyTerms(List<Expr> terms, ImmutableArray<Expr> others)
    {
        var next = new List<Expr>(terms.Count * others.Length);
        foreach (var t in terms)
            foreach (var u in others)
                next.Add(MulMonomials(t, u));
        return Expr.Add(next) switch
        {
            SumNode a => [.. a.Terms],
            var single => [single],
        };
    }

    private Expr MulMonomials(Expr a, Expr b)
    {
        var product = Expr.Mul(a, b);
        return IsDistributed(product) ? product : Norm(product);
    }

    // Shallow check: the children are taken to be distributed already.
    private static bool IsDistributed(Expr e) => e is SumNode a ? a.Terms.All(IsMonomial) : IsMonomial(e);

    private static bool IsMonomial(Expr e) => e switch
    {
        SumNode => false,
        Pow p => !IsExpandablePower(p),
        ProductNode m => m.Factors.All(f => f is not SumNode && !(f is Pow p && IsExpandablePower(p))),
        _ => true,
    };

    private static bool IsExpandablePower(Pow p) =>
        p.Base is SumNode && p.Exponent is Number { IsInteger: true } n && n.Exact.Sign > 0;

    // ================================================================ series

    public Expr[] Zeros()
    {
        var r = new Expr[Order + 1];
        Array.Fill(r, Expr.Zero);
        return r;
    }

    public Expr[] Constant(Expr c)
    {
        var r = Zeros();
        r[0] = c;
        return r;
    }

    /// <summary>The index of the first coefficient that is not an exact zero, or Order + 1.</summary>
    public int Valuation(Expr[] s)
    {
        int v = 0;
        while (v <= Order && IsExactZero(s[v])) v++;
        return v;
    }

    private static int Degree(Expr[] s)
    {
        int d = s.Length - 1;
        while (d >= 0 && IsExactZero(s[d])) d--;
        return d;
    }

    public Expr[] Sum(IReadOnlyList<Expr[]> series)
    {
        var r = new Expr[Order + 1];
        var terms = new List<Expr>(series.Count);
        for (int k = 0; k <= Order; k++)
        {
            terms.Clear();
            foreach (var s in series)
                if (!IsExactZero(s[k])) terms.Add(s[k]);
            r[k] = Sum(terms);
        }
        return r;
    }

    public Expr[] Scale(Expr c, Expr[] s)
    {
        if (c is Number { IsOne: true }) return s;
        var r = new Expr[Order + 1];
        for (int k = 0; k <= Order; k++) r[k] = Mul(c, s[k]);
        return r;
    }

    /// <summary>The truncated product (Cauchy convolution).</summary>
    public Expr[] Mul(Expr[] a, Expr[] b)
    {
        int da = Degree(a), db = Degree(b);
        var r = Zeros();
        if (da < 0 || db < 0) return r;
        var terms = new List<Expr>();
        int top = Math.Min(Order, da + db);
        for (int k = 0; k <= top; k++)
        {
            _context.ThrowIfStopped();
            terms.Clear();
            for (int i = Math.Max(0, k - db); i <= Math.Min(k, da); i++)
            {
                if (IsExactZero(a[i]) || IsExactZero(b[k - i])) continue;
                terms.Add(Mul(a[i], b[k - i]));
            }
            r[k] = Sum(terms);
        }
        return r;
    }

    /// <summary>j s_j for j = 1..degree of s: the coefficients of s' shifted up by one (trimmed, so a
    /// polynomial argument such as x itself makes the recurrences linear in the order).</summary>
    private Expr[] Weighted(Expr[] s)
    {
        var ds = new Expr[Math.Max(1, Degree(s) + 1)];
        ds[0] = Expr.Zero;
        for (int j = 1; j < ds.Length; j++) ds[j] = Mul(Expr.Number(j), s[j]);
        return ds;
    }

    /// <summary>(1/k) Σ_{j=1..k} ds_j g_{k-j}: the k-th coefficient of F where F' = G s'.</summary>
    private Expr Integrate(Expr[] ds, Expr[] g, int k, List<Expr> terms)
    {
        _context.ThrowIfStopped();
        terms.Clear();
        int top = Math.Min(k, ds.Length - 1);
        for (int j = 1; j <= top; j++)
        {
            if (IsExactZero(ds[j]) || IsExactZero(g[k - j])) continue;
            terms.Add(Mul(ds[j], g[k - j]));
        }
        return Scale(Rational.Create(1, k), Sum(terms));
    }

    /// <summary>F with F(0) = <paramref name="f0"/> and F' = G(t) s'(t).</summary>
    public Expr[] Integral(Expr[] s, Expr[] g, Expr f0)
    {
        var ds = Weighted(s);
        var f = new Expr[Order + 1];
        f[0] = f0;
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++) f[k] = Integrate(ds, g, k, terms);
        return f;
    }

    /// <summary>1/s; s_0 must be nonzero.</summary>
    public Expr[] Reciprocal(Expr[] s)
    {
        var r = new Expr[Order + 1];
        var inv = Inverse(s[0]);
        r[0] = inv;
        var minusInv = Mul(Expr.MinusOne, inv);
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            _context.ThrowIfStopped();
            terms.Clear();
            for (int j = 1; j <= k; j++)
            {
                if (IsExactZero(s[j]) || IsExactZero(r[k - j])) continue;
                terms.Add(Mul(s[j], r[k - j]));
            }
            r[k] = Mul(minusInv, Sum(terms));
        }
        return r;
    }

    /// <summary>s^α by J.C.P. Miller's recurrence, P_k = 1/(k s_0) Σ_{j=1..k} ((α+1) j - k) s_j P_{k-j}; s_0 must be nonzero.</summary>
    public Expr[] Power(Expr[] s, Expr alpha)
    {
        var p = new Expr[Order + 1];
        p[0] = Norm(Expr.Pow(s[0], alpha));
        var inv = Inverse(s[0]);
        var alphaPlusOne = Add(alpha, Expr.One);
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            _context.ThrowIfStopped();
            terms.Clear();
            for (int j = 1; j <= k; j++)
            {
                if (IsExactZero(s[j]) || IsExactZero(p[k - j])) continue;
                var weight = Add(Mul(alphaPlusOne, Expr.Number(j)), Expr.Number(-k));
                if (IsExactZero(weight)) continue;
                terms.Add(Mul(weight, Mul(s[j], p[k - j])));
            }
            p[k] = Mul(Scale(Rational.Create(1, k), inv), Sum(terms));
        }
        return p;
    }

    /// <summary>s^n for an integer n &gt;= 0; works whatever the constant term.</summary>
    public Expr[] IntegerPower(Expr[] s, int n)
    {
        if (n == 0) return Constant(Expr.One);
        if (n == 1) return s;
        if (s[0] is Number { IsZero: false }) return Power(s, Expr.Number(n));
        int v = Valuation(s);
        if (v > 0)
        {
            if (v > Order || (long)v * n > Order) return Zeros();
            return Shift(IntegerPower(Shift(s, -v), n), v * n);
        }
        // Binary powering: no division by a symbolic constant term.
        Expr[]? result = null;
        var square = s;
        while (n > 0)
        {
            if ((n & 1) == 1) result = result is null ? square : Mul(result, square);
            n >>= 1;
            if (n > 0) square = Mul(square, square);
        }
        return result!;
    }

    /// <summary>Multiplies by t^m (m may be negative: divides, dropping the lowest terms, zero-filling the top).</summary>
    public Expr[] Shift(Expr[] s, int m)
    {
        var r = Zeros();
        for (int k = 0; k <= Order; k++)
        {
            int from = k - m;
            if (from >= 0 && from <= Order) r[k] = s[from];
        }
        return r;
    }

    /// <summary>exp(s): E' = s' E. <paramref name="e0"/> overrides exp(s_0) (for u^v = exp(v log u)).</summary>
    public Expr[] Exp(Expr[] s, Expr? e0 = null)
    {
        var ds = Weighted(s);
        var e = new Expr[Order + 1];
        e[0] = e0 ?? Expr.Call(Functions.Functions.Exp, s[0]);
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++) e[k] = Integrate(ds, e, k, terms);
        return e;
    }

    /// <summary>log(s): s L' = s', so L_k = (s_k - (1/k) Σ_{j=1..k-1} j L_j s_{k-j}) / s_0; s_0 must be nonzero.</summary>
    public Expr[] Log(Expr[] s)
    {
        var l = new Expr[Order + 1];
        l[0] = Expr.Call(Functions.Functions.Log, s[0]);
        var inv = Inverse(s[0]);
        var weighted = new Expr[Order + 1]; // j L_j
        weighted[0] = Expr.Zero;
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            _context.ThrowIfStopped();
            terms.Clear();
            for (int j = 1; j < k; j++)
            {
                if (IsExactZero(weighted[j]) || IsExactZero(s[k - j])) continue;
                terms.Add(Mul(weighted[j], s[k - j]));
            }
            var inner = Add(s[k], Scale(Rational.Create(-1, k), Sum(terms)));
            l[k] = Mul(inv, inner);
            weighted[k] = Mul(Expr.Number(k), l[k]);
        }
        return l;
    }

    /// <summary>sin(s) and cos(s) together (S' = s' C, C' = -s' S), or sinh and cosh (C' = s' S).</summary>
    public (Expr[] Sin, Expr[] Cos) SinCos(Expr[] s, bool hyperbolic)
    {
        var ds = Weighted(s);
        var sin = new Expr[Order + 1];
        var cos = new Expr[Order + 1];
        sin[0] = Expr.Call(hyperbolic ? Functions.Functions.Sinh : Functions.Functions.Sin, s[0]);
        cos[0] = Expr.Call(hyperbolic ? Functions.Functions.Cosh : Functions.Functions.Cos, s[0]);
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            sin[k] = Integrate(ds, cos, k, terms);
            var c = Integrate(ds, sin, k, terms);
            cos[k] = hyperbolic ? c : Mul(Expr.MinusOne, c);
        }
        return (sin, cos);
    }

    /// <summary>tan(s): T' = s' (1 + T^2); tanh(s): T' = s' (1 - T^2).</summary>
    public Expr[] Tan(Expr[] s, bool hyperbolic)
    {
        var ds = Weighted(s);
        var sign = hyperbolic ? Expr.MinusOne : Expr.One;
        var tan = new Expr[Order + 1];
        var u = new Expr[Order + 1]; // 1 ± T^2
        tan[0] = Expr.Call(hyperbolic ? Functions.Functions.Tanh : Functions.Functions.Tan, s[0]);
        u[0] = Add(Expr.One, Mul(sign, Mul(tan[0], tan[0])));
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            tan[k] = Integrate(ds, u, k, terms);
            u[k] = Mul(sign, SquareCoefficient(tan, k, terms));
        }
        return tan;
    }

    /// <summary>sigmoid(s): σ' = s' σ (1 - σ).</summary>
    public Expr[] Sigmoid(Expr[] s)
    {
        var ds = Weighted(s);
        var sigma = new Expr[Order + 1];
        var v = new Expr[Order + 1]; // σ - σ^2
        sigma[0] = Expr.Call(Functions.Functions.Sigmoid, s[0]);
        v[0] = Add(sigma[0], Mul(Expr.MinusOne, Mul(sigma[0], sigma[0])));
        var terms = new List<Expr>();
        for (int k = 1; k <= Order; k++)
        {
            sigma[k] = Integrate(ds, v, k, terms);
            v[k] = Add(sigma[k], Mul(Expr.MinusOne, SquareCoefficient(sigma, k, terms)));
        }
        return sigma;
    }

    /// <summary>softplus(s): P' = s' σ(s).</summary>
    public Expr[] Softplus(Expr[] s) =>
        Integral(s, Sigmoid(s), Expr.Call(Functions.Functions.Softplus, s[0]));

    /// <summary>The coefficient of t^k in T^2, from T_0..T_k.</summary>
    private Expr SquareCoefficient(Expr[] t, int k, List<Expr> terms)
    {
        terms.Clear();
        // Σ_{i=0..k} T_i T_{k-i}, using symmetry: twice the pairs i < k - i, plus the middle term.
        for (int i = 0; 2 * i < k; i++)
        {
            if (IsExactZero(t[i]) || IsExactZero(t[k - i])) continue;
            terms.Add(Mul(Expr.Two, Mul(t[i], t[k - i])));
        }
        if (k % 2 == 0 && !IsExactZero(t[k / 2])) terms.Add(Mul(t[k / 2], t[k / 2]));
        return Sum(terms);
    }
}
