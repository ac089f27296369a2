using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using Symbolic.Functions;
using Symbolic.Syntax;

namespace Symbolic;

// The canonicalizing constructors. Every node is built here, so every node is canonical:
// sums and products are flattened, numbers folded, like terms collected (2x + 3x = 5x), powers of
// one base merged (x * x^2 = x^3), identities dropped, operands sorted by ExprOrder, and the result
// hash-consed. Passes (derivatives, substitution, expansion) build through these factories and so
// never need to canonicalize on their own.
public abstract partial class Expr
{
    /// <summary>The exact number 0.</summary>
    public static readonly Number Zero = Number(0);

    /// <summary>The exact number 1.</summary>
    public static readonly Number One = Number(1);

    /// <summary>The exact number -1.</summary>
    public static readonly Number MinusOne = Number(-1);

    /// <summary>The exact number 2.</summary>
    public static readonly Number Two = Number(2);

    /// <summary>The exact number 1/2.</summary>
    public static readonly Number Half = Number(Rational.Half);

    /// <summary>The circle constant, named <c>pi</c>.</summary>
    public static readonly Constant Pi = new("pi", Math.PI, @"\pi");

    /// <summary>Euler's number, named <c>e</c>; <c>e^x</c> is built as <c>exp(x)</c>.</summary>
    public static readonly Constant E = new("e", Math.E, "e");

    /// <summary>The symbol named <paramref name="name"/>; the same name always gives the same object.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <example><code>Symbol x = Expr.Symbol("x"); Expr f = x * x + 1; // x^2 + 1</code></example>
    public static Symbol Symbol(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Intern.Symbol(name);
    }

    /// <summary>The exact number <paramref name="value"/>.</summary>
    /// <example><code>Expr.Number(Rational.Create(1, 3)) * 3 // 1</code></example>
    public static Number Number(Rational value) => global::Symbolic.Number.Create(value);

    /// <summary>The exact integer <paramref name="value"/>.</summary>
    public static Number Number(long value) => global::Symbolic.Number.Create(value);

    /// <summary>A floating-point number (not exact); floats compare by their bits, and every NaN is one node.</summary>
    public static Number Float(double value) => global::Symbolic.Number.Create(value);

    /// <summary>An integer as an exact number, so <c>2 * x</c> and <c>x + 1</c> can be written in C#.</summary>
    public static implicit operator Expr(long value) => Number(value);

    /// <summary>The canonical sum <paramref name="a"/> + <paramref name="b"/> (see <see cref="Add(Expr[])"/>).</summary>
    /// <example><code>var x = Expr.Symbol("x"); (x + 2 * x).ToString() // "3*x"</code></example>
    public static Expr operator +(Expr a, Expr b) => Add(Guard.NotNull(a), Guard.NotNull(b));

    /// <summary>The canonical difference, built as <paramref name="a"/> + (-1)*<paramref name="b"/>.</summary>
    public static Expr operator -(Expr a, Expr b) => Sub(a, b);

    /// <summary>The canonical product <paramref name="a"/> * <paramref name="b"/> (see <see cref="Mul(Expr[])"/>).</summary>
    public static Expr operator *(Expr a, Expr b) => Mul(Guard.NotNull(a), Guard.NotNull(b));

    /// <summary>The canonical quotient, built as <paramref name="a"/> * <paramref name="b"/>^-1.</summary>
    /// <exception cref="SymbolicException"><paramref name="b"/> is the exact number 0 (division by zero).</exception>
    public static Expr operator /(Expr a, Expr b) => Div(a, b);

    /// <summary>The negation, built as (-1)*<paramref name="a"/>.</summary>
    public static Expr operator -(Expr a) => Neg(a);

    /// <summary>The negation, built as (-1)*<paramref name="a"/> (a sum is negated term by term).</summary>
    public static Expr Neg(Expr a) => Mul(MinusOne, Guard.NotNull(a));

    /// <summary>The difference, built as <paramref name="a"/> + (-1)*<paramref name="b"/>.</summary>
    public static Expr Sub(Expr a, Expr b) => Add(Guard.NotNull(a), Mul(MinusOne, Guard.NotNull(b)));

    /// <summary>The quotient, built as <paramref name="a"/> * <paramref name="b"/>^-1.</summary>
    /// <exception cref="SymbolicException"><paramref name="b"/> is the exact number 0 (division by zero).</exception>
    public static Expr Div(Expr a, Expr b) => Mul(Guard.NotNull(a), Pow(Guard.NotNull(b), MinusOne));

    // ---------------------------------------------------------------- sums

    /// <summary>The canonical sum of <paramref name="terms"/>: nested sums flattened, numbers added, like terms
    /// collected, zero terms dropped and the rest sorted; no term gives 0 and one term gives that term.</summary>
    /// <example><code>var (x, y) = (Expr.Symbol("x"), Expr.Symbol("y")); Expr.Add(y, x, 2 * x, 1).ToString() // "3*x + y + 1"</code></example>
    public static Expr Add(params Expr[] terms) => Add((IEnumerable<Expr>)terms);

    /// <summary>The canonical sum of <paramref name="terms"/>, as <see cref="Add(Expr[])"/>.</summary>
    public static Expr Add(IEnumerable<Expr> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        // one canonical term is its own sum (a sum given alone would be rebuilt as itself)
        if (terms is Expr[] { Length: 1 } single && single[0] is { } only) return only;
        var collector = TermCollector.Rent();
        try
        {
            if (terms is Expr[] array)
            {
                collector.Expect(array.Length);
                foreach (var t in array) collector.Add(t ?? throw Guard.NullElement(nameof(terms)));
            }
            else
                foreach (var t in terms) collector.Add(t ?? throw Guard.NullElement(nameof(terms)));
            return collector.Build();
        }
        finally
        {
            collector.Return();
        }
    }

    // A spare collector keeps lists up to this capacity between uses; a larger one is dropped.
    private const int MaxKeptCapacity = 256;

    /// <summary>
    /// A few spare collectors per thread, reused instead of allocated with their lists: one for the sum or
    /// product being built, more for those built while it collects (a sum factor made monic, a power of a
    /// product), which with a single spare each made a collector of their own.
    /// </summary>
    private sealed class Spares<T> where T : class, new()
    {
        private const int Depth = 8;
        [ThreadStatic] private static Spares<T>? t_spares;
        private readonly T?[] _items = new T?[Depth];
        private int _count;

        public static T Rent()
        {
            var spares = t_spares;
            if (spares is null || spares._count == 0) return new T();
            var item = spares._items[--spares._count]!;
            spares._items[spares._count] = null;
            return item;
        }

        /// <summary>Keeps a collector that holds no expression any more.</summary>
        public static void Return(T item)
        {
            var spares = t_spares ??= new Spares<T>();
            if (spares._count < Depth) spares._items[spares._count++] = item;
        }
    }

    /// <summary>Collects like terms: each term is split into numeric coefficient and symbolic rest.</summary>
    private sealed class TermCollector
    {
        private const int LinearScanLimit = 8;

        private Number _constant = Zero;
        private List<Entry> _entries = new();
        private Dictionary<Expr, int>? _index;

        // Spare collectors per thread (see Spares): building a sum allocates no collector and no list of its own.

        private int _expected;

        /// <summary>Sizes the collector for about <paramref name="count"/> terms (a long sum then grows its table and list once).</summary>
        public void Expect(int count)
        {
            _expected = count;
            if (count > LinearScanLimit) _entries.EnsureCapacity(count);
        }

        public static TermCollector Rent() => Spares<TermCollector>.Rent();

        /// <summary>Clears the collector (it holds no expression afterwards) and keeps it as the thread's spare.</summary>
        public void Return()
        {
            _constant = Zero;
            _expected = 0;
            if (_entries.Capacity > MaxKeptCapacity) _entries = new();
            else _entries.Clear();
            _index = null;
            Spares<TermCollector>.Return(this);
        }

        /// <summary>A symbolic part with its summed coefficient; Original is the term itself while it occurred once.</summary>
        private record struct Entry(Expr Rest, Number Coefficient, Expr? Original);

        public void Add(Expr term)
        {
            switch (term)
            {
                case Add sum:
                    foreach (var t in sum.Terms) Add(t);
                    break;
                case Number n:
                    _constant = Arithmetic.Add(_constant, n);
                    break;
                default:
                    var (c, rest) = SplitCoefficient(term);
                    int i = Find(rest);
                    if (i >= 0)
                    {
                        _entries[i] = new Entry(rest, Arithmetic.Add(_entries[i].Coefficient, c), null);
                        break;
                    }
                    _entries.Add(new Entry(rest, c, term));
                    _index?.Add(rest, _entries.Count - 1);
                    if (_index is null && _entries.Count > LinearScanLimit)
                    {
                        _index = new Dictionary<Expr, int>(_expected);
                        for (int k = 0; k < _entries.Count; k++) _index[_entries[k].Rest] = k;
                    }
                    break;
            }
        }

        private int Find(Expr rest)
        {
            if (_index is not null) return _index.TryGetValue(rest, out int i) ? i : -1;
            for (int i = 0; i < _entries.Count; i++)
                if (ReferenceEquals(_entries[i].Rest, rest)) return i;
            return -1;
        }

        public Expr Build()
        {
            var terms = ImmutableArray.CreateBuilder<Expr>(_entries.Count + 1);
            foreach (var (rest, c, original) in _entries)
            {
                // A term that met no like term is kept as it came, saving a rebuild.
                if (original is not null) terms.Add(original);
                else if (!c.IsZero) terms.Add(WithCoefficient(c, rest));
            }
            if (!_constant.IsZero) terms.Add(_constant);
            if (terms.Count == 0) return _constant;
            if (terms.Count == 1) return terms[0];
            var sorted = terms.Count == terms.Capacity ? terms.MoveToImmutable() : terms.ToImmutable();
            ExprOrder.Sort(ImmutableCollectionsMarshal.AsArray(sorted)); // the array is not shared yet
            return Intern.Node(new Add(sorted));
        }
    }

    /// <summary>
    /// The sum of terms that are already canonical, nonzero, pairwise unlike and sorted by <see cref="ExprOrder"/>
    /// (as the polynomial engine produces them): only hash-consed, not collected or sorted again, so a sum of
    /// 125,751 terms costs one pass. The caller guarantees the invariants; the node is the one <see cref="Add(IEnumerable{Expr})"/> builds.
    /// </summary>
    internal static Expr SumOfCanonicalTerms(ImmutableArray<Expr> terms) => terms.Length switch
    {
        0 => Zero,
        1 => terms[0],
        _ => Intern.Node(new Add(terms)),
    };

    /// <summary>
    /// b^e as a node of its own, outside the canonical forms and the hash-consing table: for the printers'
    /// display forms only (<c>(2*x + 3)^2</c>, whose canonical form is <c>4*(x + 3/2)^2</c>), never a value.
    /// </summary>
    internal static Pow RawPower(Expr b, Expr e) => new(b, e);

    /// <summary>
    /// The product of factors that are already canonical and sorted by <see cref="ExprOrder"/>, with distinct
    /// bases that merge with nothing (symbols and non-exp calls to positive integer powers), a leading numeric
    /// coefficient other than 1 if any: only hash-consed.
    /// </summary>
    internal static Expr ProductOfCanonicalFactors(ImmutableArray<Expr> factors) => factors.Length switch
    {
        0 => One,
        1 => factors[0],
        _ => Intern.Node(new global::Symbolic.Mul(factors)),
    };

    /// <summary>The sum divided by <paramref name="scale"/>: each coefficient divided, the terms sorted again.</summary>
    private static Expr Divided(Add sum, Rational scale)
    {
        var reciprocal = Number(scale.Reciprocal());
        var terms = new Expr[sum.Terms.Length];
        for (int i = 0; i < terms.Length; i++)
        {
            var (c, rest) = SplitCoefficient(sum.Terms[i]);
            var scaled = Arithmetic.Mul(c, reciprocal);
            terms[i] = rest is Number ? scaled : WithCoefficient(scaled, rest); // a numeric term splits as (itself, 1)
        }
        return Add(terms);
    }

    /// <summary>
    /// What a sum is divided by when it is a factor of a product or the base of an integer power: its leading
    /// coefficient, so that the sum joins monic, or only that coefficient's sign when a coefficient is a float
    /// (dividing floats would round them). The leading term is the one whose symbolic part (the term without
    /// its coefficient) is greatest in <see cref="ExprOrder"/>, a choice that does not change when the sum is
    /// scaled, so the normal form of a normal form is itself and a product does not depend on how it was
    /// grouped: <c>(1 - x)*y</c> is <c>-(x - 1)*y</c>, the object <c>-(x - 1)*y</c> builds; <c>(2*x + 3)*y</c>
    /// is <c>2*(x + 3/2)*y</c>, which prints as it was written (see <c>PrintOrder.Split</c>); and
    /// <c>(x - 0.1)^2</c> keeps its sum as typed, where an integer normal form would be <c>(10*x - 1)^2/100</c>.
    /// Null when the sum is monic already (most sums are: nothing to do).
    /// </summary>
    private static Rational? FactorScale(Add sum)
    {
        bool exact = true;
        Number? leadingCoefficient = null;
        Expr? leading = null;
        foreach (var t in sum.Terms)
        {
            var (c, rest) = SplitCoefficient(t);
            if (leading is null || ExprOrder.Compare(rest, leading) > 0) (leading, leadingCoefficient) = (rest, c);
            if (!c.IsExact) exact = false;
        }
        var lc = leadingCoefficient!;
        if (exact) return lc.Exact.IsOne ? null : lc.Exact;
        return (lc.IsExact ? lc.Exact.Sign < 0 : lc.Value < 0) ? Rational.MinusOne : null;
    }

    /// <summary>Splits <c>3*x*y</c> into (3, x*y); a term without a number has coefficient 1.</summary>
    internal static (Number Coefficient, Expr Term) SplitCoefficient(Expr term)
    {
        if (term is Number n) return (n, One);
        if (term is Mul m && m.Factors[0] is Number c) return (c, m.WithoutCoefficient);
        return (One, term);
    }

    /// <summary>c * rest where rest is canonical and has no numeric factor: no re-sorting is needed.</summary>
    private static Expr WithCoefficient(Number c, Expr rest)
    {
        if (c.IsOne) return rest;
        if (rest is Add) return Mul(c, rest); // distributes
        if (rest is Mul m) return Intern.Node(new Mul(m.Factors.Insert(0, c)));
        return Intern.Node(new Mul([c, rest]));
    }

    // ---------------------------------------------------------------- products

    /// <summary>The canonical product of <paramref name="factors"/>: nested products flattened, numbers multiplied,
    /// powers of one base merged (<c>x*x^2</c> is <c>x^3</c>), <c>exp(a)*exp(b)</c> joined, a number times a sum
    /// distributed, and the rest sorted; no factor gives 1.</summary>
    /// <exception cref="SymbolicException">An exact factor is divided by zero, or the product of exact numbers would exceed
    /// <see cref="ComputeLimits.MaxNumberDigits"/> (<see cref="ErrorCodes.LimitExceeded"/>).</exception>
    /// <example><code>var x = Expr.Symbol("x"); Expr.Mul(x, Expr.Pow(x, 2), 3).ToString() // "3*x^3"</code></example>
    public static Expr Mul(params Expr[] factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.Length == 2)
        {
            if (factors[0] is Number c && factors[1] is { } other && ScaledFast(c, other) is { } scaled) return scaled;
            if (factors[1] is Number c2 && factors[0] is { } first && ScaledFast(c2, first) is { } scaled2) return scaled2;
        }
        return Mul((IEnumerable<Expr>)factors);
    }

    /// <summary>
    /// c times a canonical expression that is not a number, a sum or an exp call, built directly: what the
    /// collector would build (the coefficient multiplied in, the factors kept in their order), without its
    /// lists and sorting. Negations, scaled terms and the derivatives' coefficients mostly come this way.
    /// Null when the general path is needed.
    /// </summary>
    private static Expr? ScaledFast(Number c, Expr x)
    {
        switch (x)
        {
            case global::Symbolic.Number or global::Symbolic.Add or global::Symbolic.Call { Function.Name: "exp" }:
                return null;
            case global::Symbolic.Mul m:
                foreach (var f in m.Factors)
                    if (f is global::Symbolic.Call { Function.Name: "exp" } or global::Symbolic.Add) return null;
                if (m.Factors[0] is Number k)
                {
                    var product = Arithmetic.Mul(c, k);
                    if (product.IsZero && product.IsExact) return Zero;
                    if (product.IsOne) return m.WithoutCoefficient;
                    var factors = m.Factors.ToBuilder();
                    factors[0] = product;
                    return Intern.Node(new global::Symbolic.Mul(factors.MoveToImmutable()));
                }
                if (c.IsZero && c.IsExact) return Zero;
                if (c.IsOne) return x;
                return Intern.Node(new global::Symbolic.Mul(m.Factors.Insert(0, c)));
            default:
                if (c.IsZero && c.IsExact) return Zero;
                if (c.IsOne) return x;
                return Intern.Node(new global::Symbolic.Mul([c, x]));
        }
    }

    /// <summary>The canonical product of <paramref name="factors"/>, as <see cref="Mul(Expr[])"/>.</summary>
    /// <exception cref="SymbolicException">As for <see cref="Mul(Expr[])"/>.</exception>
    public static Expr Mul(IEnumerable<Expr> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var collector = FactorCollector.Rent();
        try
        {
            if (factors is Expr[] array)
                foreach (var f in array) collector.Include(f ?? throw Guard.NullElement(nameof(factors)));
            else
                foreach (var f in factors) collector.Include(f ?? throw Guard.NullElement(nameof(factors)));
            return collector.Build();
        }
        finally
        {
            collector.Return();
        }
    }

    /// <summary>
    /// Collects the factors of a product: numbers multiply into one coefficient, powers of one base
    /// add their exponents, and exp(a) exp(b) becomes exp(a + b). Products are usually short, so
    /// bases are found by a linear scan; a dictionary takes over for long ones.
    /// </summary>
    private sealed class FactorCollector
    {
        private const int LinearScanLimit = 16;

        private Number _coefficient = One;
        private List<Expr> _bases = new();
        private List<Expr> _exponents = new();      // one exponent per base while it has one term
        private List<Expr> _factors = new();        // the factor each base came in, used as it is while its base has one exponent
        private List<Expr> _result = new();
        private List<List<Expr>?>? _extraExponents;           // further exponents of a base, rarely needed
        private Dictionary<Expr, int>? _index;
        private List<Expr>? _expArguments;
        private global::Symbolic.Call? _firstExp;

        // Spare collectors per thread, as for sums.
        public static FactorCollector Rent() => Spares<FactorCollector>.Rent();

        /// <summary>Clears the collector (it holds no expression afterwards) and keeps it as the thread's spare.</summary>
        public void Return()
        {
            _coefficient = One;
            if (_bases.Capacity > MaxKeptCapacity || _result.Capacity > MaxKeptCapacity) (_bases, _exponents, _factors, _result) = (new(), new(), new(), new());
            else
            {
                _bases.Clear();
                _exponents.Clear();
                _factors.Clear();
                _result.Clear();
            }
            _extraExponents = null;
            _index = null;
            _expArguments = null;
            _firstExp = null;
            Spares<FactorCollector>.Return(this);
        }

        public void Include(Expr f)
        {
            switch (f)
            {
                case global::Symbolic.Mul m:
                    foreach (var g in m.Factors) Include(g);
                    return;
                case Number n:
                    _coefficient = Arithmetic.Mul(_coefficient, n);
                    return;
                case global::Symbolic.Call { Function.Name: "exp" } call:
                    if (_expArguments is null) _firstExp = call;
                    (_expArguments ??= new()).Add(call.Argument);
                    return;
                case Add sum when FactorScale(sum) is { } scale:
                    // 2x - 2 joins a product as 2*(x - 1) and 1 - x as -(x - 1), so a product does not depend
                    // on how its factors were grouped: (2(x - 1))*(1 - y) is -2*(x - 1)*(y - 1).
                    _coefficient = Arithmetic.Mul(_coefficient, Number(scale));
                    Include(Divided(sum, scale));
                    return;
            }
            var (b, e) = f is global::Symbolic.Pow p ? (p.Base, p.Exponent) : (f, (Expr)One);
            int i = Find(b);
            if (i < 0)
            {
                _bases.Add(b);
                _exponents.Add(e);
                _factors.Add(f);
                _index?.Add(b, _bases.Count - 1);
                if (_index is null && _bases.Count > LinearScanLimit)
                {
                    _index = new Dictionary<Expr, int>();
                    for (int k = 0; k < _bases.Count; k++) _index[_bases[k]] = k;
                }
                return;
            }
            _extraExponents ??= new();
            while (_extraExponents.Count <= i) _extraExponents.Add(null);
            (_extraExponents[i] ??= new()).Add(e);
        }

        private int Find(Expr b)
        {
            if (_index is not null) return _index.TryGetValue(b, out int i) ? i : -1;
            for (int i = 0; i < _bases.Count; i++)
                if (ReferenceEquals(_bases[i], b)) return i;
            return -1;
        }

        private bool HasOneExponent(int i) =>
            _extraExponents is null || i >= _extraExponents.Count || _extraExponents[i] is null;

        private Expr ExponentOf(int i)
        {
            if (_extraExponents is null || i >= _extraExponents.Count || _extraExponents[i] is not { } more) return _exponents[i];
            return Add([_exponents[i], .. more]);
        }

        public Expr Build()
        {
            if (_coefficient.IsZero && _coefficient.IsExact) return Zero;
            var coefficient = _coefficient;
            var result = _result; // the collector's own list, cleared when it is returned
            bool needsAnotherPass = false;
            for (int i = 0; i < _bases.Count; i++)
            {
                // a canonical factor whose base met no other power is itself: Pow(base, exponent) would give it again
                var power = HasOneExponent(i) ? _factors[i] : Pow(_bases[i], ExponentOf(i));
                switch (power)
                {
                    case Number n: coefficient = Arithmetic.Mul(coefficient, n); break;
                    case global::Symbolic.Mul or global::Symbolic.Call { Function.Name: "exp" }: needsAnotherPass = true; result.Add(power); break;
                    default:
                        // A merged power may come out over another base: x^2 with exponents 1/3 and -4/3 is
                        // (x^2)^-1 = x^-2, which must meet the product's x (x*x^-2 is 1/x, as 8*x/(3*x^2) reads
                        // back), and abs(y)^2 is y^2: collect again.
                        if (!ReferenceEquals(power is global::Symbolic.Pow p ? p.Base : power, _bases[i])) needsAnotherPass = true;
                        result.Add(power);
                        break;
                }
            }
            RootProducts.Join(result, ref coefficient); // sqrt(2)*sqrt(3) = sqrt(6)
            if (_expArguments is not null)
            {
                // a lone canonical exp(u) is itself: rebuilding it would give the same node
                var exp = _expArguments.Count == 1 && _firstExp is { } lone && ReferenceEquals(lone.Function, Functions.Functions.Exp)
                    ? lone
                    : Call(Functions.Functions.Exp, Add(_expArguments));
                if (exp is Number n) coefficient = Arithmetic.Mul(coefficient, n);
                else
                {
                    if (exp is not global::Symbolic.Call { Function.Name: "exp" }) needsAnotherPass = true;
                    result.Add(exp);
                }
            }
            if (needsAnotherPass)
            {
                result.Add(coefficient);
                return Mul(result);
            }
            if (coefficient.IsZero && coefficient.IsExact) return Zero;
            if (result.Count == 0) return coefficient;
            if (result.Count == 1)
            {
                if (coefficient.IsOne) return result[0];
                // A number times a sum is distributed, so -(a - b) is b - a and like terms meet.
                if (result[0] is Add sum)
                {
                    var terms = new Expr[sum.Terms.Length];
                    for (int i = 0; i < terms.Length; i++) terms[i] = Mul(coefficient, sum.Terms[i]);
                    return Add(terms);
                }
            }
            if (result.Count > 1) ExprOrder.Sort(CollectionsMarshal.AsSpan(result));
            if (!coefficient.IsOne) result.Insert(0, coefficient);
            return Intern.Node(new global::Symbolic.Mul([.. result]));
        }
    }

    // ---------------------------------------------------------------- powers

    /// <summary>The canonical power <paramref name="base"/>^<paramref name="exponent"/>: exact numbers are raised exactly
    /// (roots extracted where exact, <c>8^(1/2)</c> is <c>2*2^(1/2)</c>), <c>e^u</c> becomes <c>exp(u)</c>, <c>(u^a)^n</c>
    /// and <c>(u*v)^n</c> are multiplied out for integer n; <c>u^0</c> is 1 and <c>u^1</c> is u.</summary>
    /// <exception cref="SymbolicException">The exact 0 is raised to a negative power (division by zero), or an exact power
    /// would exceed <see cref="ComputeLimits.MaxNumberDigits"/> (<see cref="ErrorCodes.LimitExceeded"/>).</exception>
    /// <example><code>Expr.Pow(Expr.Pow(Expr.Symbol("x"), 2), 3).ToString() // "x^6"</code></example>
    public static Expr Pow(Expr @base, Expr exponent)
    {
        if (@base is null) throw new ArgumentNullException(nameof(@base));
        ArgumentNullException.ThrowIfNull(exponent);
        if (exponent is Number ne)
        {
            if (ne.IsZero) return One;
            if (ne.IsOne) return @base;
        }
        if (@base is Number nb)
        {
            if (nb.IsOne) return One;
            if (exponent is Number ne2) return Arithmetic.Pow(nb, ne2);
            // 0^c for a constant c that is not a number (0^pi, 0^log(1/6)): by the sign of c, as 0^(1/2) and 0^(-1/2)
            if (nb is { IsZero: true, IsExact: true } && exponent.FreeSymbols.Count == 0 && ZeroToThe(exponent) is { } folded)
                return folded;
        }
        if (ReferenceEquals(@base, E)) return Call(Functions.Functions.Exp, exponent);
        // the base's entry may simplify a power of its call: abs(u)^2 = u^2
        if (@base is Call { Function.SimplifyPower: { } powerRule } call && powerRule(call.Arguments, exponent) is { } simpler) return simpler;
        // (e^a)^b = e^(ab) for real a and b.
        if (@base is Call { Function.Name: "exp" } exp) return Call(exp.Function, Mul(exp.Argument, exponent));
        if (exponent is Number { IsExact: true } n)
        {
            // (u^a)^n = u^(an) for integer n; also for |a| <= 1 where u^a is real only for u >= 0 anyway.
            if (@base is Pow p && (n.IsInteger || p.Exponent is Number { IsExact: true } a && a.Exact.Abs().CompareTo(Rational.One) <= 0))
                return Pow(p.Base, Mul(p.Exponent, n));
            // (u v)^n = u^n v^n for integer n.
            // (a loop, not a lambda: a lambda's closure over n would be allocated on every call that reaches this block)
            if (@base is Mul m && n.IsInteger)
            {
                var powers = new Expr[m.Factors.Length];
                for (int i = 0; i < powers.Length; i++) powers[i] = Pow(m.Factors[i], n);
                return Mul(powers);
            }
            // (2x - 2)^n = 2^n (x - 1)^n: the same normal form products give their sum factors.
            // Beyond the digit budget the power keeps its sum as it is rather than build a huge number.
            if (@base is Add sum && n.IsInteger && FactorScale(sum) is { } scale
                && Arithmetic.PowerDigits(scale, n.Exact.Numerator) <= ComputeContext.Current.Limits.MaxNumberDigits)
            {
                // a scale of -1 with a huge exponent ((1 - x)^(2^100)) goes by parity; any other scale stays within int by the digit budget
                var factor = scale.Abs().Equals(Rational.One) ? (n.Exact.Numerator.IsEven ? Rational.One : scale) : scale.Pow((int)n.Exact.Numerator);
                return Mul(Number(factor), Pow(Divided(sum, scale), n));
            }
        }
        return Intern.Node(new Pow(@base, exponent));
    }

    /// <summary>
    /// 0^c for a constant exponent: 0 when c &gt; 0, division by zero when c &lt; 0, decided on the value of c
    /// in double precision; null (left as it is) when that value is not clearly away from 0 or not real.
    /// </summary>
    private static Expr? ZeroToThe(Expr c)
    {
        double v = Approximate(c, depth: 0);
        if (double.IsNaN(v) || Math.Abs(v) < 1e-9) return null;
        if (v < 0) throw new SymbolicException("division by zero");
        return Zero;
    }

    /// <summary>The double value of a constant expression (NaN where it has none); for deciding signs only.
    /// Each distinct node is computed once; nesting beyond 64 levels is not followed.</summary>
    private static double Approximate(Expr e, int depth, Dictionary<Expr, double>? memo = null)
    {
        if (e is Number n) return n.Value;
        if (e is Constant k) return k.Value;
        if (depth > 64) return double.NaN;
        memo ??= new();
        if (memo.TryGetValue(e, out double done)) return done;
        double value;
        switch (e)
        {
            case Add a:
                value = 0;
                foreach (var t in a.Terms) value += Approximate(t, depth + 1, memo);
                break;
            case global::Symbolic.Mul m:
                value = 1;
                foreach (var f in m.Factors) value *= Approximate(f, depth + 1, memo);
                break;
            case global::Symbolic.Pow p:
                value = p.Exponent is Number { IsExact: true } q
                    ? Functions.NumericFunctions.RealPower(Approximate(p.Base, depth + 1, memo), q.Exact)
                    : Math.Pow(Approximate(p.Base, depth + 1, memo), Approximate(p.Exponent, depth + 1, memo));
                break;
            case global::Symbolic.Call call when !call.Function.IsUndefined:
                var args = new double[call.Arguments.Length];
                for (int i = 0; i < args.Length; i++) args[i] = Approximate(call.Arguments[i], depth + 1, memo);
                try
                {
                    value = call.Function.Compute(args);
                }
                catch (SymbolicException)
                {
                    value = double.NaN;
                }
                break;
            default:
                value = double.NaN;
                break;
        }
        memo[e] = value;
        return value;
    }

    /// <summary>√u, built as u^(1/2).</summary>
    public static Expr Sqrt(Expr u) => Pow(Guard.NotNull(u), Half);

    // ---------------------------------------------------------------- calls

    /// <summary>The application of <paramref name="function"/> to <paramref name="arguments"/>, after the entry's automatic
    /// simplification (<c>sin(0)</c> is 0) and with floats folded to a float (<c>sin(0.5)</c> is a number).</summary>
    /// <exception cref="SymbolicException">The number of arguments does not match the function's arity.</exception>
    /// <example><code>Expr.Call(Functions.Functions.Sin, Expr.Symbol("x")).ToString() // "sin(x)"</code></example>
    public static Expr Call(FunctionDef function, params Expr[] arguments) => Call(function, Guard.NotNull(arguments).ToImmutableArray());

    /// <summary>The application of <paramref name="function"/> to <paramref name="arguments"/>, as <see cref="Call(FunctionDef, Expr[])"/>.</summary>
    /// <exception cref="SymbolicException">The number of arguments does not match the function's arity.</exception>
    public static Expr Call(FunctionDef function, ImmutableArray<Expr> arguments)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (arguments.IsDefault) throw new ArgumentNullException(nameof(arguments));
        foreach (var a in arguments)
            if (a is null) throw Guard.NullElement(nameof(arguments));
        function.CheckArity(arguments.Length);
        // the entry's simplification, or the float value of a call at float arguments
        if (function.AutoEvaluate(arguments) is { } simpler) return simpler;
        return Intern.Node(new Call(function, arguments));
    }

    /// <summary>The unevaluated derivative of <paramref name="expression"/> (used for undefined functions).</summary>
    public static Expr Derivative(Expr expression, IEnumerable<Symbol> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var sorted = Guard.NoNulls(Guard.NotNull(variables).ToArray(), nameof(variables));
        if (sorted.Length == 0) return expression;
        Array.Sort(sorted, ExprOrder.CompareSymbols);
        return Intern.Node(new Derivative(expression, [.. sorted]));
    }

    internal static int CombineHash(int seed, ImmutableArray<Expr> items)
    {
        var h = new HashCode();
        h.Add(seed);
        foreach (var e in items) h.Add(e.Hash);
        return h.ToHashCode();
    }
}

/// <summary>Arithmetic on number nodes: exact when both are exact, floating point otherwise.</summary>
internal static class Arithmetic
{
    public static Number Add(Number a, Number b)
    {
        if (a.IsZero && a.IsExact) return b;
        if (b.IsZero && b.IsExact) return a;
        if (!a.IsExact || !b.IsExact) return Expr.Float(a.Value + b.Value);
        // A sum of huge exact numbers (x^k with x = 4.9e-324, k up to hundreds: 10^5 digits each) costs milliseconds
        // that no other check sees: look at the deadline before each.
        if (Bits(a.Exact) + Bits(b.Exact) > CheckedBits) ComputeContext.Current.ThrowIfStopped();
        return Expr.Number(a.Exact + b.Exact);
    }

    public static Number Mul(Number a, Number b)
    {
        if (a.IsOne) return b;
        if (b.IsOne) return a;
        if (!a.IsExact || !b.IsExact) return Expr.Float(a.Value * b.Value);
        if (Bits(a.Exact) + Bits(b.Exact) > CheckedBits)
        {
            CheckDigits(a.Exact, b.Exact);
            ComputeContext.Current.ThrowIfStopped();
        }
        return Expr.Number(a.Exact * b.Exact);
    }

    // Products below this many bits are not checked against the digit budget (reading the context costs more than the product).
    private const long CheckedBits = 1 << 16;

    private static long Bits(Rational r) => (long)Math.Max(BigInteger.Abs(r.Numerator).GetBitLength(), r.Denominator.GetBitLength());

    /// <summary>Refuses a product of exact numbers with more digits than <see cref="ComputeLimits.MaxNumberDigits"/>
    /// (repeated squaring of a number, a matrix power whose entries grow).</summary>
    private static void CheckDigits(Rational a, Rational b)
    {
        double digits = (Bits(a) + Bits(b)) * 0.30102999566398120;
        long limit = ComputeContext.Current.Limits.MaxNumberDigits;
        if (digits > limit)
            throw ComputeContext.LimitExceeded($"number too large: a product would have about {digits:N0} digits (limit {limit:N0})");
    }

    /// <summary>About how many decimal digits (numerator or denominator, whichever is longer) b^n has.</summary>
    internal static double PowerDigits(Rational b, BigInteger n)
    {
        var larger = BigInteger.Max(BigInteger.Abs(b.Numerator), b.Denominator);
        return larger.IsZero ? 0 : (double)BigInteger.Abs(n) * BigInteger.Log10(larger);
    }

    public static Expr Pow(Number b, Number e)
    {
        // a float base with an exact exponent takes the real root for odd denominators: eval((-8)^(1/3)) is -2
        if (!b.IsExact && e.IsExact) return Expr.Float(Functions.NumericFunctions.RealPower(b.Value, e.Exact));
        if (!b.IsExact || !e.IsExact) return Expr.Float(Math.Pow(b.Value, e.Value));
        var r = e.Exact;
        if (b.Exact.IsZero)
        {
            if (r.Sign < 0) throw new SymbolicException("division by zero");
            return Expr.Zero;
        }
        if (r.IsInteger)
        {
            // An exact power is refused before the work when it would have more digits than the budget:
            // 2^(10^9) (301,029,996 digits) is a clear error at once rather than minutes of multiplication.
            if (b.Exact.IsOne) return Expr.One;
            if (b.Exact.IsMinusOne) return r.Numerator.IsEven ? Expr.One : Expr.MinusOne;
            double digits = PowerDigits(b.Exact, r.Numerator);
            long limit = ComputeContext.Current.Limits.MaxNumberDigits;
            if (digits > limit)
                throw ComputeContext.LimitExceeded($"number too large: {b}^{e} would have about {digits:N0} digits (limit {limit:N0})");
            return Expr.Number(b.Exact.Pow((int)r.Numerator));
        }
        // b^(p/q): exact when b has an exact q-th root.
        var q = r.Denominator;
        if (q <= 64 && b.Exact.Root((int)q) is { } root) return Pow(Expr.Number(root), Expr.Number(r.Numerator));
        // Split off the integer part of the exponent: 2^(3/2) = 2 * 2^(1/2), 2^(-1/2) = 2^(1/2) / 2.
        var whole = BigInteger.Divide(r.Numerator - (r.Sign < 0 ? q - 1 : 0), q);
        if (!whole.IsZero)
            return Expr.Mul(Pow(b, Expr.Number(whole)), Pow(b, Expr.Number(r - whole)));
        if (r.Numerator.IsOne && b.Exact.Sign > 0 && q <= int.MaxValue && ExtractRoot(b.Exact, (int)q) is { } extracted) return extracted;
        return Intern.Node(new Pow(b, e));
    }

    /// <summary>
    /// (a/b)^(1/q) = (o/b) * i^(1/q) where a*b^(q-1) = o^q * i: takes q-th powers out of the root and
    /// clears the denominator, as in sqrt(8) = 2*sqrt(2) and sqrt(1/2) = sqrt(2)/2. Null when nothing changes.
    /// </summary>
    private static Expr? ExtractRoot(Rational value, int q)
    {
        // Trial division is the cost here: beyond this size a root stays as it is, decided before building
        // b^(q-1) (1e-16^2e-8 would raise 10^16 to the 49,999,999th power).
        if (value.Numerator.GetBitLength() + (q - 1) * (value.Denominator.GetBitLength() - 1) > MaxRootBits) return null;
        var n = value.Numerator * BigInteger.Pow(value.Denominator, q - 1);
        if (n.GetBitLength() > MaxRootBits) return null;
        BigInteger outside = BigInteger.One, inside = BigInteger.One;
        for (int p = 2; p <= 100_000 && !n.IsOne; p++)
        {
            // p^q > n, decided by bit lengths first: 7^(1/70000000) must not build 2^70000000.
            bool beyond = q * Math.Log2(p) > n.GetBitLength() + 1 || BigInteger.Pow(p, q) > n;
            if (beyond && n > p) { inside *= n; n = BigInteger.One; break; }
            int k = 0;
            while ((n % p).IsZero) { n /= p; k++; }
            outside *= BigInteger.Pow(p, k / q);
            inside *= BigInteger.Pow(p, k % q);
        }
        // A large cofactor left after trial division stays inside, unless it is itself a q-th power.
        if (!n.IsOne && IntegerRoot(n, q) is var root && BigInteger.Pow(root, q) == n) outside *= root;
        else inside *= n;
        if (outside.IsOne && value.Denominator.IsOne) return null;
        var coefficient = Expr.Number(Rational.Create(outside, value.Denominator));
        return inside.IsOne
            ? coefficient
            : Expr.Mul(coefficient, Intern.Node(new Pow(Expr.Number(inside), Expr.Number(Rational.Create(1, q)))));
    }

    private const long MaxRootBits = 4096;

    /// <summary>floor(n^(1/q)) for n &gt; 0 by Newton's iteration, which decreases to it from any start above.</summary>
    private static BigInteger IntegerRoot(BigInteger n, int q)
    {
        if (q >= n.GetBitLength()) return BigInteger.One; // n < 2^q

        var x = BigInteger.One << (int)(n.GetBitLength() / q + 1); // above the root
        while (true)
        {
            var next = ((q - 1) * x + n / BigInteger.Pow(x, q - 1)) / q;
            if (next >= x) break;
            x = next;
        }
        while (BigInteger.Pow(x, q) > n) x--;
        while (BigInteger.Pow(x + 1, q) <= n) x++;
        return x;
    }
}
