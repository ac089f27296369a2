using System.Diagnostics;
using System.Runtime.CompilerServices;
using Symbolic.Functions;
using Symbolic.Syntax;

namespace Symbolic.Calculus;

/// <summary>
/// Taylor polynomials, exact. The expansion keeps every term of degree up to and including the order
/// (as Maxima does): Σ_{k&lt;=n} f^(k)(a)/k! (x - a)^k, and for several variables every term of total
/// degree up to n in the (x_i - a_i).
/// </summary>
/// <remarks>
/// <para>The fast method substitutes x_i = a_i + t h_i and computes the expression bottom-up as a
/// truncated power series in t (<see cref="SeriesRing"/>): sums and products of series, integer and
/// rational powers by Miller's recurrence, and the elementary functions by their ODE recurrences. With
/// one variable h = 1; with several, the h_i are internal symbols, the coefficient of t^k is a
/// homogeneous polynomial of degree k in them, and h_i becomes x_i - a_i at the end.</para>
/// <para>Where the series engine cannot handle a node (an undefined function, abs or sign of a symbolic
/// constant term, a non-integer power of a series that starts at 0, ...), the whole call falls back to
/// the general method: the partial derivatives at the point, f^(α)(a)/α!.</para>
/// <para>A removable singularity in one variable (sin(x)/x, (x^2 - 1)/(x - 1), 1/x - 1/sin(x) at the
/// point where a denominator vanishes) is expanded by Laurent division: the terms are computed further
/// and the leading zeros cancel, as SymPy's <c>series</c> does; a pole that does not cancel is an error.</para>
/// <para><see cref="Polynomial(Expr, Symbol, Expr, int)"/> keeps the terms c_k beside the value, to print
/// it as a Taylor polynomial in ascending powers of (x - a) (<see cref="TaylorPolynomial"/>).</para>
/// </remarks>
public static class Taylor
{
    /// <summary>The Taylor polynomial of degree <paramref name="order"/> of <paramref name="e"/> in <paramref name="x"/> about <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">The expression is not analytic at the point (<c>log(x)</c> at 0), or the order is negative.</exception>
    public static Expr Expand(Expr e, Symbol x, Expr point, int order)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(point);
        return Expand(e, [x], [point], order);
    }

    /// <summary>The multivariate Taylor polynomial: every term of total degree at most <paramref name="order"/> in the (x_i - a_i).</summary>
    /// <exception cref="SymbolicException">Mismatched lengths, repeated variables, a point that depends on the variables, a negative order, or an expression that is not analytic at the point.</exception>
    public static Expr Expand(Expr e, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order) =>
        Run(e, variables, point, order, byDifferentiation: false).Value;

    /// <summary>
    /// The Taylor polynomial of <paramref name="e"/> about <paramref name="point"/> with its terms
    /// c_k (x - a)^k: the same <see cref="TaylorPolynomial.Value"/> as <see cref="Expand(Expr, Symbol, Expr, int)"/>,
    /// printed as a Taylor polynomial (<c>x - 1 - (x - 1)^2/2 + (x - 1)^3/3</c>).
    /// </summary>
    /// <exception cref="SymbolicException">As for <see cref="Expand(Expr, Symbol, Expr, int)"/>.</exception>
    /// <example><code>Taylor.Polynomial(Expr.Parse("sqrt(x)"), Expr.Symbol("x"), 4, 2).ToString() // "2 + (x - 4)/4 - (x - 4)^2/64"</code></example>
    public static TaylorPolynomial Polynomial(Expr e, Symbol x, Expr point, int order)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(point);
        return Polynomial(e, [x], [point], order);
    }

    /// <summary>The multivariate Taylor polynomial with its terms, grouped by total degree in the (x_i - a_i).</summary>
    /// <exception cref="SymbolicException">As for <see cref="Expand(Expr, IReadOnlyList{Symbol}, IReadOnlyList{Expr}, int)"/>.</exception>
    public static TaylorPolynomial Polynomial(Expr e, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order) =>
        Run(e, variables, point, order, byDifferentiation: false);

    /// <summary>The same expansion by the general method only (repeated differentiation and substitution); for testing.</summary>
    internal static Expr ExpandByDifferentiation(Expr e, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order) =>
        Run(e, variables, point, order, byDifferentiation: true).Value;

    private static TaylorPolynomial Run(Expr e, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order, bool byDifferentiation)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(point);
        Validate(variables, point, order);
        if (!variables.Any(e.Contains)) return new TaylorPolynomial(e, variables, point, [(new int[variables.Count], e)]);
        var problem = new Problem(e, variables, point, order);
        List<(int[] Exponents, Expr Coefficient)> terms;
        if (byDifferentiation) terms = problem.ByDifferentiation();
        else
        {
            try
            {
                terms = problem.BySeries();
            }
            catch (UnsupportedException)
            {
                terms = problem.ByDifferentiation();
            }
        }
        terms.RemoveAll(t => SeriesRing.IsExactZero(t.Coefficient));
        // ascending total degree; within one degree x^2, x*y, y^2 (the earlier variable's higher power first)
        var sorted = terms.OrderBy(t => t.Exponents.Sum()).ThenBy(t => t.Exponents, DescendingExponents).ToList();
        return new TaylorPolynomial(problem.Assemble(sorted), variables, point, sorted);
    }

    private static readonly IComparer<int[]> DescendingExponents = Comparer<int[]>.Create(static (a, b) =>
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return b[i].CompareTo(a[i]);
        return 0;
    });

    private static void Validate(IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order)
    {
        if (order < 0) throw new SymbolicException($"the order of a Taylor expansion must be at least 0, got {order}");
        // The series holds order + 1 coefficients and the recurrences cost O(order^2): refuse before allocating.
        int maxOrder = ComputeContext.Current.Limits.MaxSeriesOrder;
        if (order > maxOrder)
            throw ComputeContext.LimitExceeded($"series order too large: taylor of order {order:N0} (limit {maxOrder:N0})");
        if (variables.Count == 0) throw new SymbolicException("taylor needs at least one variable");
        if (variables.Count != point.Count)
            throw new SymbolicException($"taylor: {variables.Count} variables but the point has {point.Count} coordinates; they must match");
        for (int i = 0; i < variables.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(variables[i]);
            ArgumentNullException.ThrowIfNull(point[i]);
            for (int j = 0; j < i; j++)
                if (ReferenceEquals(variables[i], variables[j]))
                    throw new SymbolicException($"taylor: variable '{variables[i].Name}' appears twice");
        }
        foreach (var a in point)
            foreach (var x in variables)
                if (a.Contains(x))
                    throw new SymbolicException($"taylor: the expansion point {a} must not depend on the variable {x.Name}");
    }

    /// <summary>Thrown inside the series engine for a node it cannot expand; the call then falls back.</summary>
    private sealed class UnsupportedException : Exception;

    /// <summary>Thrown by the general method when a derivative of an undefined function at the point cannot be written.</summary>
    private sealed class NotRepresentableException(Derivative d) : Exception
    {
        public Derivative Derivative { get; } = d;
    }

    private sealed class Problem
    {
        private readonly Expr _e;
        private readonly IReadOnlyList<Symbol> _variables;
        private readonly IReadOnlyList<Expr> _point;
        private readonly int _order;
        private readonly SeriesRing _ring;
        private readonly Dictionary<Expr, Expr[]> _memo = new();
        private readonly Dictionary<Symbol, Expr[]> _variableSeries = new();
        private readonly Symbol[] _directions; // the h_i; empty for one variable

        public Problem(Expr e, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point, int order)
        {
            _e = e;
            _variables = variables;
            _point = point;
            _order = order;
            _ring = new SeriesRing(order);
            _directions = variables.Count == 1 ? [] : [.. Enumerable.Range(0, variables.Count).Select(i => Expr.Symbol($"$taylor.h{i}"))];
            // x_i = a_i + t h_i
            for (int i = 0; i < variables.Count; i++)
            {
                var s = _ring.Zeros();
                s[0] = _ring.Norm(point[i]);
                if (order >= 1) s[1] = _directions.Length == 0 ? Expr.One : _directions[i];
                _variableSeries[variables[i]] = s;
            }
        }

        private bool Varies(Expr e)
        {
            if (_variables.Count == 1) return e.Contains(_variables[0]);
            foreach (var x in _variables) if (e.Contains(x)) return true;
            return false;
        }

        private string Where() =>
            string.Join(", ", _variables.Select((x, i) => $"{x.Name} = {_point[i]}"));

        private SymbolicException NotAnalytic(Expr node) =>
            new($"{node} has no Taylor expansion at {Where()}");

        // ================================================================ the series engine

        public List<(int[] Exponents, Expr Coefficient)> BySeries()
        {
            var series = Series(_e);
            var terms = new List<(int[], Expr)>();
            if (_directions.Length == 0)
            {
                for (int k = 0; k <= _order; k++) terms.Add(([k], series[k]));
                return terms;
            }
            // Split each homogeneous c_k into monomials in the h_i and group by monomial.
            var groups = new Dictionary<string, (int[] Exponents, List<Expr> Parts)>();
            var order = new List<string>();
            for (int k = 0; k <= _order; k++)
            {
                if (SeriesRing.IsExactZero(series[k])) continue;
                IEnumerable<Expr> parts = series[k] is Add a ? a.Terms : [series[k]];
                foreach (var part in parts)
                {
                    var exponents = new int[_directions.Length];
                    var rest = new List<Expr>();
                    IEnumerable<Expr> factors = part is Mul m ? m.Factors : [part];
                    foreach (var f in factors)
                    {
                        int i = f switch
                        {
                            Symbol s => Array.IndexOf(_directions, s),
                            Pow { Base: Symbol s, Exponent: Number { IsInteger: true } } => Array.IndexOf(_directions, s),
                            _ => -1,
                        };
                        if (i < 0) rest.Add(f);
                        else exponents[i] += f is Pow p ? (int)((Number)p.Exponent).Exact.Numerator : 1;
                    }
                    var key = string.Join(",", exponents);
                    if (!groups.TryGetValue(key, out var group))
                    {
                        groups[key] = group = (exponents, new List<Expr>());
                        order.Add(key);
                    }
                    group.Parts.Add(Expr.Mul(rest));
                }
            }
            foreach (var key in order) terms.Add((groups[key].Exponents, Expr.Add(groups[key].Parts)));
            return terms;
        }

        private Expr[] Series(Expr e)
        {
            if (!Varies(e)) return _ring.Constant(_ring.Norm(e));
            if (e is Symbol s) return _variableSeries[s];
            if (_memo.TryGetValue(e, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var result = e switch
            {
                Add a => Sum(a),
                Mul m => Product(m),
                Pow p => Power(p),
                Call c => Function(c),
                Derivative => throw new UnsupportedException(),
                _ => throw new UnreachableException(e.GetType().Name),
            };
            _memo[e] = result;
            return result;
        }

        private Expr[] Sum(Add a)
        {
            foreach (var t in a.Terms)
                if (Poles(t) is not null) return Laurent(a, [.. a.Terms]);
            return _ring.Sum(a.Terms.Select(Series).ToList());
        }

        private Expr[] Product(Mul m)
        {
            if (Poles(m) is not null) return Laurent(m, [m]);
            var constant = new List<Expr>();
            Expr[]? product = null;
            foreach (var f in m.Factors)
            {
                if (!Varies(f)) constant.Add(f);
                else product = product is null ? Series(f) : _ring.Mul(product, Series(f));
            }
            return _ring.Scale(_ring.Norm(Expr.Mul(constant)), product!);
        }

        /// <summary>The factors 1/b^k of a term (a product or a power) whose base vanishes at the point, or null.</summary>
        private List<(Expr Base, int Power)>? Poles(Expr term)
        {
            List<(Expr Base, int Power)>? poles = null;
            foreach (var f in term is Mul m ? m.Factors : [term])
                if (f is Pow { Exponent: Number { IsInteger: true, IsNegative: true } k } p && BigIntFits(k)
                    && Varies(p.Base) && SeriesRing.IsZero(Series(p.Base)[0]))
                    (poles ??= new()).Add((p.Base, -(int)k.Exact.Numerator));
            return poles;
        }

        /// <summary>
        /// Laurent division, for a product with factors 1/b^k whose base vanishes at the point (sin(x)/x,
        /// (1 - cos x)/x^2, (x^2 - 1)/(x - 1)) or a sum of such terms (1/x - 1/sin(x)). With b = t^v u and
        /// u(0) != 0, a factor is t^(-vk) u^(-k), so a term is t^(-P) R with P = Σ v k and R a power series;
        /// the sum is t^(-Q) Σ t^(Q - P) R with Q the largest P. Its series is computed Q + max v orders
        /// further (so every R is known far enough), then divided by t^Q: the first Q coefficients must
        /// vanish, else the expression has a pole there.
        /// </summary>
        private Expr[] Laurent(Expr node, List<Expr> terms)
        {
            // Dividing by a leading coefficient that holds the h_i would leave the polynomials in them.
            if (_directions.Length > 0) throw new UnsupportedException();
            var shapes = new List<(Expr Term, List<(Expr Base, int Power, int Valuation)> Poles, long Shift)>(terms.Count);
            long q = 0, deepest = 0;
            foreach (var t in terms)
            {
                var poles = new List<(Expr, int, int)>();
                long shift = 0;
                foreach (var (b, k) in Poles(t) ?? [])
                {
                    int v = ValuationOf(b, node);
                    poles.Add((b, k, v));
                    shift += (long)v * k;
                    deepest = Math.Max(deepest, v);
                }
                shapes.Add((t, poles, shift));
                q = Math.Max(q, shift);
            }
            long order = _order + q + deepest;
            if (order > ComputeContext.Current.Limits.MaxSeriesOrder) throw NotAnalytic(node);
            var deeper = new Problem(node, _variables, _point, (int)order);
            var ring = deeper._ring;
            var scaled = new List<Expr[]>(shapes.Count);
            foreach (var (term, poles, shift) in shapes)
                scaled.Add(ring.Shift(poles.Count == 0 ? deeper.Series(term) : deeper.Regular(term, poles), (int)(q - shift)));
            var sum = ring.Sum(scaled);
            for (int k = 0; k < q; k++)
                if (!SeriesRing.IsExactZero(sum[k])) throw NotAnalytic(node); // a pole that does not cancel
            return ring.Shift(sum, -(int)q)[..(_order + 1)];
        }

        /// <summary>R = t^P term: the term's other factors times u^(-k) for each pole factor 1/b^k, b = t^v u.</summary>
        private Expr[] Regular(Expr term, List<(Expr Base, int Power, int Valuation)> poles)
        {
            var constant = new List<Expr>();
            Expr[] r = _ring.Constant(Expr.One);
            foreach (var f in term is Mul m ? m.Factors : [term])
            {
                if (!Varies(f)) constant.Add(f);
                else if (f is Pow p && poles.FindIndex(pole => ReferenceEquals(pole.Base, p.Base)) is var i and >= 0)
                {
                    var u = _ring.Shift(Series(p.Base), -poles[i].Valuation);
                    r = _ring.Mul(r, _ring.IntegerPower(_ring.Reciprocal(u), poles[i].Power));
                }
                else r = _ring.Mul(r, Series(f));
            }
            return _ring.Scale(_ring.Norm(Expr.Mul(constant)), r);
        }

        /// <summary>The order to which <paramref name="b"/> (zero at the point) vanishes, looking deeper than the order where needed.</summary>
        private int ValuationOf(Expr b, Expr node)
        {
            int limit = ComputeContext.Current.Limits.MaxSeriesOrder;
            for (int order = _order; ; order = 2 * order + 2)
            {
                var s = order == _order ? Series(b) : new Problem(b, _variables, _point, order).Series(b);
                int v = 0;
                while (v <= order && SeriesRing.IsExactZero(s[v])) v++;
                if (v <= order)
                {
                    // a floating-point zero cannot be divided by
                    if (SeriesRing.IsZero(s[v])) throw NotAnalytic(node);
                    return v;
                }
                if (order >= Math.Min(limit, 4 * _order + 64)) throw NotAnalytic(node);
            }
        }

        private Expr[] Power(Pow p)
        {
            if (!Varies(p.Exponent))
            {
                var s = Series(p.Base);
                var alpha = _ring.Norm(p.Exponent);
                if (alpha is Number { IsInteger: true } n && BigIntFits(n))
                {
                    int k = (int)n.Exact.Numerator;
                    if (k >= 0) return _ring.IntegerPower(s, k);
                    if (SeriesRing.IsZero(s[0])) throw NotAnalytic(p); // a pole
                    return s[0] is Number ? _ring.Power(s, alpha) : _ring.IntegerPower(_ring.Reciprocal(s), -k);
                }
                if (SeriesRing.IsZero(s[0])) return PowerOfSeriesStartingAtZero(p, s, alpha);
                return _ring.Power(s, alpha);
            }
            // u^v = exp(v log u)
            var v = Series(p.Exponent);
            Expr[] log;
            Expr b0;
            if (!Varies(p.Base))
            {
                b0 = _ring.Norm(p.Base);
                if (SeriesRing.IsZero(b0)) throw new UnsupportedException();
                log = _ring.Constant(_ring.Norm(Expr.Call(Functions.Functions.Log, b0)));
            }
            else
            {
                var u = Series(p.Base);
                b0 = u[0];
                if (SeriesRing.IsZero(b0)) throw NotAnalytic(p);
                log = _ring.Log(u);
            }
            return _ring.Exp(_ring.Mul(v, log), _ring.Norm(Expr.Pow(b0, v[0])));
        }

        /// <summary>
        /// s^α with s = t^v u, u(0) &gt; 0 and α &gt; 0 not an integer: (t^v)^α = |t|^(vα) for even v, which is
        /// t^(vα) when vα is an even integer (sqrt(x^4) = x^2 at 0). Other cases go to the general method
        /// (which reports |t|^odd and poles as not analytic).
        /// </summary>
        private Expr[] PowerOfSeriesStartingAtZero(Pow p, Expr[] s, Expr alpha)
        {
            if (alpha is not Number { IsExact: true } a || a.Exact.Sign <= 0) throw new UnsupportedException();
            var ring = _ring;
            int v = ring.Valuation(s);
            if (v > _order)
            {
                // The base vanishes to beyond the order: look further to find where it starts.
                var deeper = new Problem(p.Base, _variables, _point, 2 * _order + 2);
                (ring, s) = (deeper._ring, deeper.Series(p.Base));
                v = ring.Valuation(s);
                if (v > ring.Order) throw new UnsupportedException();
            }
            if (v % 2 != 0 || s[v] is not Number { IsNegative: false, IsZero: false }) throw new UnsupportedException();
            var m = a.Exact * v;
            if (!m.IsInteger || !m.Numerator.IsEven) throw new UnsupportedException(); // |t|^m: not analytic
            if (m.Numerator > _order) return _ring.Zeros();
            int shift = (int)m.Numerator;
            // u = s / t^v is needed to order - shift, that is s to order - shift + v.
            if (_order - shift + v > ring.Order)
            {
                var deeper = new Problem(p.Base, _variables, _point, _order - shift + v);
                (ring, s) = (deeper._ring, deeper.Series(p.Base));
            }
            var power = ring.Shift(ring.Power(ring.Shift(s, -v), alpha), shift);
            return power[..(_order + 1)];
        }

        private static bool BigIntFits(Number n) => n.Exact.Numerator >= -1_000_000 && n.Exact.Numerator <= 1_000_000;

        // Each function's rule lives in its table entry; without one, the expansion falls back to differentiation.
        private Expr[] Function(Call c)
        {
            if (c.Function.Series is not { } rule) throw new UnsupportedException();
            var arguments = new Expr[c.Arguments.Length][];
            for (int i = 0; i < arguments.Length; i++) arguments[i] = Series(c.Arguments[i]);
            return rule(new SeriesCall(c, _ring, arguments, () => NotAnalytic(c), () => new UnsupportedException(),
                (node, series) => _memo.TryAdd(node, series)));
        }

        // ================================================================ the general method

        /// <summary>Coefficients f^(α)(a)/α! for every multi-index α with |α| &lt;= order.</summary>
        public List<(int[] Exponents, Expr Coefficient)> ByDifferentiation()
        {
            int m = _variables.Count;
            var at = new Dictionary<Symbol, Expr>();
            for (int i = 0; i < m; i++) at[_variables[i]] = _point[i];
            var partials = new Dictionary<string, Expr> { [Key(new int[m])] = _e };
            var terms = new List<(int[], Expr)>();
            try
            {
                foreach (var alpha in MultiIndices(m, _order))
                {
                    var derivative = Partial(alpha, partials);
                    if (derivative is Number { IsZero: true, IsExact: true }) continue;
                    var factorial = Rational.One;
                    foreach (var a in alpha)
                        for (int j = 2; j <= a; j++) factorial *= j;
                    var value = _ring.Norm(EvaluateAt(derivative, at));
                    terms.Add((alpha, _ring.Mul(Expr.Number(factorial.Reciprocal()), value)));
                }
            }
            catch (NotRepresentableException ex)
            {
                throw new SymbolicException(
                    $"{_e} has no Taylor expansion that can be written at {Where()}: it needs the value of {ex.Derivative} there");
            }
            catch (SymbolicException ex) when (!ex.IsLimit)
            {
                // e.g. a division by zero while evaluating a derivative at the point; a budget, cancellation
                // or deadline is not a property of the expression and goes through as it is
                throw NotAnalytic(_e);
            }
            return terms;
        }

        private Expr Partial(int[] alpha, Dictionary<string, Expr> partials)
        {
            var key = Key(alpha);
            if (partials.TryGetValue(key, out var done)) return done;
            int i = Array.FindIndex(alpha, a => a > 0);
            var parent = (int[])alpha.Clone();
            parent[i]--;
            var result = Differentiator.Diff(Partial(parent, partials), _variables[i]);
            partials[key] = result;
            return result;
        }

        private static string Key(int[] alpha) => string.Join(",", alpha);

        /// <summary>Every multi-index of m entries with sum 0..order, by total degree.</summary>
        private static IEnumerable<int[]> MultiIndices(int m, int order)
        {
            for (int degree = 0; degree <= order; degree++)
                foreach (var alpha in WithSum(m, degree)) yield return alpha;

            static IEnumerable<int[]> WithSum(int m, int sum)
            {
                if (m == 1) { yield return [sum]; yield break; }
                for (int first = sum; first >= 0; first--)
                    foreach (var rest in WithSum(m - 1, sum - first))
                        yield return [first, .. rest];
            }
        }

        /// <summary>
        /// Substitutes the point. An unevaluated derivative by an expansion variable, d/dx g(x) at x = a,
        /// is written d/da g(a) when a is a symbol that appears nowhere else in it; otherwise it has no
        /// expression and <see cref="NotRepresentableException"/> is thrown.
        /// </summary>
        private static Expr EvaluateAt(Expr e, Dictionary<Symbol, Expr> at)
        {
            var memo = new Dictionary<Expr, Expr>();
            return Walk(e);

            Expr Walk(Expr node)
            {
                if (!at.Keys.Any(node.Contains)) return node;
                if (node is Symbol s) return at[s];
                if (memo.TryGetValue(node, out var done)) return done;
                RuntimeHelpers.EnsureSufficientExecutionStack();
                var result = node is Derivative d ? DerivativeAt(d) : node.MapChildren(Walk);
                memo[node] = result;
                return result;
            }

            Expr DerivativeAt(Derivative d)
            {
                var bound = d.Variables.Where(at.ContainsKey).Distinct().ToList();
                if (bound.Count == 0) return Expr.Derivative(Walk(d.Expression), d.Variables);
                var renamed = new Dictionary<Symbol, Symbol>();
                foreach (var v in bound)
                {
                    if (at[v] is not Symbol image || renamed.ContainsValue(image) || d.Expression.Contains(image)
                        || d.Variables.Contains(image))
                        throw new NotRepresentableException(d);
                    foreach (var w in d.Expression.FreeSymbols)
                        if (!bound.Contains(w) && at.TryGetValue(w, out var value) && value.Contains(image))
                            throw new NotRepresentableException(d);
                    renamed[v] = image;
                }
                return Expr.Derivative(Walk(d.Expression), d.Variables.Select(v => renamed.GetValueOrDefault(v, v)));
            }
        }

        // ================================================================ the result

        /// <summary>Σ c_α Π (x_i - a_i)^α_i.</summary>
        public Expr Assemble(List<(int[] Exponents, Expr Coefficient)> terms)
        {
            var shifted = _variables.Select((x, i) => Expr.Sub(x, _point[i])).ToArray();
            var result = new List<Expr>(terms.Count);
            foreach (var (exponents, coefficient) in terms)
            {
                if (SeriesRing.IsExactZero(coefficient)) continue;
                var factors = new List<Expr>(exponents.Length + 1) { coefficient };
                for (int i = 0; i < exponents.Length; i++)
                    if (exponents[i] != 0) factors.Add(Expr.Pow(shifted[i], Expr.Number(exponents[i])));
                result.Add(Expr.Mul(factors));
            }
            return Expr.Add(result);
        }
    }
}
