using System.Collections.Immutable;
using System.Numerics;

namespace Symbolic.Algebra;

/// <summary>
/// The polynomial engine: sparse multivariate polynomials with integer coefficients over a list of atoms
/// (the non-sum factors of the terms: symbols, calls, powers that are not positive integer powers), with
/// monomials packed into one unsigned integer, a <see cref="ulong"/> or, for many atoms, a <see cref="UInt128"/>
/// (an exponent field per atom, the last atom in the most significant bits, so comparing the packed words is
/// the reverse-lexicographic order the canonical sums use). Rational coefficients are scaled to integers by a common denominator kept beside the terms.
/// </summary>
/// <remarks>
/// <para>Every operation counts the terms its result can have before doing the work and checks the
/// budgets of <see cref="ComputeContext.Current"/> (<see cref="ComputeLimits.MaxTerms"/>,
/// <see cref="ComputeLimits.MaxNumberDigits"/>, <see cref="ComputeLimits.MaxExpansionDigits"/>), and
/// calls <see cref="ComputeContext.ThrowIfStopped"/> in its loops.</para>
/// <para>A power of a sum whose terms each own an atom (as in <c>(x + y + z)^500</c>) is built by the
/// multinomial theorem, enumerating exponent tuples with the coefficient updated incrementally
/// (<c>c_k = c_(k-1) a (r - k + 1)/k</c>), so each of the result's terms costs O(1) big-number operations;
/// other powers use repeated squaring. Coefficients live in <see cref="long"/> when a bound on the largest
/// one fits, in <see cref="BigInteger"/> otherwise.</para>
/// <para>Converting back, terms over plain atoms (symbols, constants other than e, calls other than exp,
/// derivatives) are built directly in canonical order with
/// <see cref="Expr.SumOfCanonicalTerms"/>; anything else goes through the canonicalizing factories.</para>
/// </remarks>
internal static class SparsePolynomial
{
    /// <summary>The expanded product of expanded factors, with monomials in 64 bits when they fit, else 128;
    /// null when a coefficient is not an exact rational or 128 bits are not enough.</summary>
    /// <exception cref="SymbolicException">A budget of the current <see cref="ComputeContext"/> is exceeded.</exception>
    public static Expr? Multiply(IReadOnlyList<Expr> factors)
    {
        var result = SparsePolynomial<ulong>.Multiply(factors, out bool wide);
        return wide ? SparsePolynomial<UInt128>.Multiply(factors, out _) : result;
    }

    /// <summary>The expanded power <paramref name="sum"/>^<paramref name="n"/> (n &gt;= 2), like <see cref="Multiply"/>.</summary>
    /// <exception cref="SymbolicException">A budget of the current <see cref="ComputeContext"/> is exceeded.</exception>
    public static Expr? Power(Add sum, BigInteger n)
    {
        var result = SparsePolynomial<ulong>.Power(sum, n, out bool wide);
        return wide ? SparsePolynomial<UInt128>.Power(sum, n, out _) : result;
    }

    /// <summary>C(n, k).</summary>
    public static BigInteger Binomial(BigInteger n, int k)
    {
        var r = BigInteger.One;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}

/// <summary>The engine with monomials packed into <typeparamref name="TMono"/> (<see cref="ulong"/>, or
/// <see cref="UInt128"/> for many atoms); see <see cref="SparsePolynomial"/>.</summary>
internal sealed class SparsePolynomial<TMono> where TMono : unmanaged, IBinaryInteger<TMono>, IUnsignedNumber<TMono>
{
    /// <summary>Bits in a packed monomial.</summary>
    private static readonly int Bits = System.Runtime.CompilerServices.Unsafe.SizeOf<TMono>() * 8;

    private readonly Layout _layout;

    private SparsePolynomial(Layout layout, TMono[] monomials, BigInteger[] coefficients, BigInteger denominator)
    {
        _layout = layout;
        Monomials = monomials;
        Coefficients = coefficients;
        Denominator = denominator;
    }

    /// <summary>The packed monomials, one per term, pairwise distinct.</summary>
    public TMono[] Monomials { get; }

    /// <summary>The integer coefficients (nonzero), one per term.</summary>
    public BigInteger[] Coefficients { get; }

    /// <summary>The common denominator: the polynomial is Σ Coefficients[i] m_i / Denominator.</summary>
    public BigInteger Denominator { get; }

    public int TermCount => Monomials.Length;

    // ================================================================ layout

    /// <summary>The atoms (sorted by <see cref="ExprOrder"/>) and where each one's exponent sits in a packed monomial.</summary>
    internal sealed class Layout
    {
        public Layout(Expr[] atoms, int[] shifts, int[] widths)
        {
            Atoms = atoms;
            Shifts = shifts;
            Masks = widths.Select(w => w == Bits ? TMono.AllBitsSet : (TMono.One << w) - TMono.One).ToArray();
        }

        public Expr[] Atoms { get; }
        public int[] Shifts { get; }
        public TMono[] Masks { get; }

        public int Exponent(TMono monomial, int atom) => int.CreateTruncating((monomial >> Shifts[atom]) & Masks[atom]);

        public TMono Pack(int atom, long exponent) => TMono.CreateTruncating(exponent) << Shifts[atom];

        /// <summary>Fields wide enough for the given highest exponents, or null when they do not fit in 64 bits.</summary>
        public static Layout? For(Expr[] atoms, BigInteger[] maxExponents)
        {
            var shifts = new int[atoms.Length];
            var widths = new int[atoms.Length];
            int used = 0;
            for (int i = 0; i < atoms.Length; i++)
            {
                long width = (long)Math.Max(1, maxExponents[i].GetBitLength());
                if (used + width > Bits) return null;
                shifts[i] = used;
                widths[i] = (int)width;
                used += (int)width;
            }
            return new Layout(atoms, shifts, widths);
        }
    }

    /// <summary>A term read from an expression: its rational coefficient and the exponent of each atom (by atom).</summary>
    private readonly record struct ParsedTerm(Rational Coefficient, List<(Expr Atom, int Exponent)> Powers);

    /// <summary>The terms of an expanded expression (a sum of monomials, or one monomial); null when a
    /// coefficient is not an exact rational (floats, decimals) or a factor is a sum.</summary>
    private static List<ParsedTerm>? ParseTerms(Expr e)
    {
        var result = new List<ParsedTerm>();
        if (e is Add sum)
        {
            foreach (var t in sum.Terms)
                if (ParseTerm(t) is { } p) result.Add(p); else return null;
        }
        else if (ParseTerm(e) is { } p) result.Add(p);
        else return null;
        return result;
    }

    private static ParsedTerm? ParseTerm(Expr term)
    {
        var (c, rest) = Expr.SplitCoefficient(term);
        if (!c.IsExact) return null;
        var powers = new List<(Expr, int)>();
        if (rest is Mul m)
        {
            foreach (var f in m.Factors)
                if (!AddFactor(f)) return null;
        }
        else if (!ReferenceEquals(rest, Expr.One) && !AddFactor(rest)) return null;
        return new ParsedTerm(c.Exact, powers);

        bool AddFactor(Expr f)
        {
            switch (f)
            {
                case Add:
                case Number:
                    return false;
                case Pow { Exponent: Number { IsInteger: true } k } p when k.Exact.Sign > 0
                                                                          && k.Exact.Numerator <= int.MaxValue && p.Base is not Add:
                    powers.Add((p.Base, (int)k.Exact.Numerator));
                    return true;
                default:
                    powers.Add((f, 1));
                    return true;
            }
        }
    }

    // ================================================================ building from expressions

    /// <summary>The expanded product of expanded factors (each a sum of monomials or one monomial); null
    /// when some coefficient is not an exact rational or the exponents do not pack into 64 bits.</summary>
    /// <exception cref="SymbolicException">A budget of the current <see cref="ComputeContext"/> is exceeded.</exception>
    public static Expr? Multiply(IReadOnlyList<Expr> factors, out bool tooWide)
    {
        tooWide = false;
        var parsed = new List<List<ParsedTerm>>(factors.Count);
        foreach (var f in factors)
            if (ParseTerms(f) is { } terms) parsed.Add(terms); else return null;
        var atoms = CollectAtoms(parsed);
        // Highest exponent of each atom in the product: the sum over factors of its highest exponent there.
        var maxExponents = new BigInteger[atoms.Length];
        var degrees = new int[atoms.Length];
        var index = AtomIndex(atoms);
        foreach (var terms in parsed)
        {
            Array.Clear(degrees);
            foreach (var t in terms)
                foreach (var (a, k) in t.Powers)
                    degrees[index[a]] = Math.Max(degrees[index[a]], k);
            for (int i = 0; i < atoms.Length; i++) maxExponents[i] += degrees[i];
        }
        var context = ComputeContext.Current;
        BigInteger termBound = BigInteger.One;
        double digits = 0;
        foreach (var terms in parsed)
        {
            termBound *= terms.Count;
            digits += BigInteger.Log10(BigInteger.Max(BigInteger.One, SumOfNumerators(terms)));
        }
        CheckBudgets(context, BigInteger.Min(termBound, MonomialSpace(maxExponents)), digits, atoms, maxExponents);
        if (Layout.For(atoms, maxExponents) is not { } layout)
        {
            tooWide = true;
            return null;
        }
        SparsePolynomial<TMono>? product = null;
        foreach (var terms in parsed.OrderBy(t => t.Count))
        {
            var p = FromTerms(layout, index, terms);
            product = product is null ? p : product.Times(p, context);
        }
        return product!.ToExpr();
    }

    /// <summary>The expanded power <paramref name="sum"/>^<paramref name="n"/> (n &gt;= 2) of an expanded sum;
    /// null when some coefficient is not an exact rational or the exponents do not pack into 64 bits.</summary>
    /// <exception cref="SymbolicException">A budget of the current <see cref="ComputeContext"/> is exceeded.</exception>
    public static Expr? Power(Add sum, BigInteger n, out bool tooWide)
    {
        tooWide = false;
        if (ParseTerms(sum) is not { } terms) return null;
        var atoms = CollectAtoms([terms]);
        var index = AtomIndex(atoms);
        var maxExponents = new BigInteger[atoms.Length];
        foreach (var t in terms)
            foreach (var (a, k) in t.Powers)
                maxExponents[index[a]] = BigInteger.Max(maxExponents[index[a]], k);
        for (int i = 0; i < atoms.Length; i++) maxExponents[i] *= n;
        // C(n + t - 1, t - 1) tuples of exponents, and no more monomials than the exponent box holds.
        var tuples = SparsePolynomial.Binomial(n + terms.Count - 1, terms.Count - 1);
        var context = ComputeContext.Current;
        double digits = (double)n * BigInteger.Log10(SumOfNumerators(terms));
        CheckBudgets(context, BigInteger.Min(tuples, MonomialSpace(maxExponents)), digits, atoms, maxExponents);
        if (Layout.For(atoms, maxExponents) is not { } layout)
        {
            tooWide = true;
            return null;
        }
        var p = FromTerms(layout, index, terms);
        int exponent = (int)n; // within the budgets, n is far below int.MaxValue
        if (p.TermCount < 2) return p.RepeatedSquaring(exponent, context).ToExpr(); // terms that met in the atoms
        return (p.OwnsAnAtomPerTerm()
            ? p.MultinomialPower(exponent, (long)SparsePolynomial.Binomial(n + p.TermCount - 1, p.TermCount - 1), context)
            : p.RepeatedSquaring(exponent, context)).ToExpr();
    }

    private static BigInteger SumOfNumerators(List<ParsedTerm> terms)
    {
        var sum = BigInteger.Zero;
        foreach (var t in terms) sum += BigInteger.Abs(t.Coefficient.Numerator);
        return sum;
    }

    private static void CheckBudgets(ComputeContext context, BigInteger terms, double largestCoefficientDigits, Expr[] atoms, BigInteger[] maxExponents)
    {
        context.ThrowIfStopped();
        context.CheckTerms("expand", terms);
        var limits = context.Limits;
        for (int i = 0; i < atoms.Length; i++)
            if (maxExponents[i] > limits.MaxPolynomialDegree)
                throw ComputeContext.LimitExceeded(
                    $"expression too large: expand would produce degree {maxExponents[i]:N0} in {atoms[i]} (limit {limits.MaxPolynomialDegree:N0})");
        if (largestCoefficientDigits > limits.MaxNumberDigits)
            throw ComputeContext.LimitExceeded(
                $"expression too large: expand would produce coefficients of up to {largestCoefficientDigits:N0} digits (limit {limits.MaxNumberDigits:N0})");
        double total = (double)terms * Math.Max(1, largestCoefficientDigits);
        if (total > limits.MaxExpansionDigits)
            throw ComputeContext.LimitExceeded(
                $"expression too large: expand would produce {terms:N0} terms with coefficients of up to {largestCoefficientDigits:N0} digits, about {total:N0} digits in all (limit {limits.MaxExpansionDigits:N0})");
    }

    /// <summary>Π (e_i + 1): how many monomials have exponents within the given highest exponents.</summary>
    private static BigInteger MonomialSpace(BigInteger[] maxExponents)
    {
        var space = BigInteger.One;
        foreach (var e in maxExponents) space *= e + 1;
        return space;
    }


    private static Expr[] CollectAtoms(List<List<ParsedTerm>> factors)
    {
        var set = new HashSet<Expr>();
        foreach (var terms in factors)
            foreach (var t in terms)
                foreach (var (a, _) in t.Powers) set.Add(a);
        var atoms = set.ToArray();
        Array.Sort(atoms, ExprOrder.Comparer);
        return atoms;
    }

    private static Dictionary<Expr, int> AtomIndex(Expr[] atoms)
    {
        var index = new Dictionary<Expr, int>(atoms.Length);
        for (int i = 0; i < atoms.Length; i++) index[atoms[i]] = i;
        return index;
    }

    /// <summary>The polynomial of parsed terms, scaled to integers by the lcm of their denominators.</summary>
    private static SparsePolynomial<TMono> FromTerms(Layout layout, Dictionary<Expr, int> index, List<ParsedTerm> terms)
    {
        var lcm = BigInteger.One;
        foreach (var t in terms) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, t.Coefficient.Denominator) * t.Coefficient.Denominator;
        var sums = new Dictionary<TMono, BigInteger>(terms.Count);
        foreach (var t in terms)
        {
            var m = TMono.Zero;
            foreach (var (a, k) in t.Powers) m += layout.Pack(index[a], k);
            var c = t.Coefficient.Numerator * (lcm / t.Coefficient.Denominator);
            sums[m] = sums.GetValueOrDefault(m) + c;
        }
        return FromDictionary(layout, sums, lcm);
    }

    private static SparsePolynomial<TMono> FromDictionary(Layout layout, Dictionary<TMono, BigInteger> sums, BigInteger denominator)
    {
        int count = 0;
        foreach (var c in sums.Values) if (!c.IsZero) count++;
        var monomials = new TMono[count];
        var coefficients = new BigInteger[count];
        int i = 0;
        foreach (var (m, c) in sums)
        {
            if (c.IsZero) continue;
            monomials[i] = m;
            coefficients[i++] = c;
        }
        return new SparsePolynomial<TMono>(layout, monomials, coefficients, denominator);
    }

    // ================================================================ indexed variables

    /// <summary>
    /// The product of two polynomials given as (exponent of each variable by index, coefficient) pairs,
    /// multiplied by the engine: the representation <see cref="Polynomial"/> keeps for its gcd and division
    /// multiplies here. Null when the exponents do not pack into 64 bits.
    /// </summary>
    public static List<(int[] Exponents, Rational Coefficient)>? MultiplyIndexed(
        IReadOnlyCollection<(int[] Exponents, Rational Coefficient)> a, IReadOnlyCollection<(int[] Exponents, Rational Coefficient)> b)
    {
        int variables = 0;
        foreach (var (e, _) in a) variables = Math.Max(variables, e.Length);
        foreach (var (e, _) in b) variables = Math.Max(variables, e.Length);
        var maxExponents = new BigInteger[variables];
        var fromA = new int[variables];
        var fromB = new int[variables];
        foreach (var (e, _) in a) for (int v = 0; v < e.Length; v++) fromA[v] = Math.Max(fromA[v], e[v]);
        foreach (var (e, _) in b) for (int v = 0; v < e.Length; v++) fromB[v] = Math.Max(fromB[v], e[v]);
        for (int v = 0; v < variables; v++) maxExponents[v] = fromA[v] + fromB[v];
        if (Layout.For(new Expr[variables], maxExponents) is not { } layout) return null;
        var product = Indexed(layout, a).Times(Indexed(layout, b), ComputeContext.Current);
        var result = new List<(int[], Rational)>(product.TermCount);
        for (int i = 0; i < product.TermCount; i++)
        {
            var exponents = new int[variables];
            for (int v = 0; v < variables; v++) exponents[v] = layout.Exponent(product.Monomials[i], v);
            result.Add((exponents, Rational.Create(product.Coefficients[i], product.Denominator)));
        }
        return result;
    }

    private static SparsePolynomial<TMono> Indexed(Layout layout, IReadOnlyCollection<(int[] Exponents, Rational Coefficient)> terms)
    {
        var lcm = BigInteger.One;
        foreach (var (_, c) in terms) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        var monomials = new TMono[terms.Count];
        var coefficients = new BigInteger[terms.Count];
        int i = 0;
        foreach (var (e, c) in terms)
        {
            var m = TMono.Zero;
            for (int v = 0; v < e.Length; v++) m += layout.Pack(v, e[v]);
            monomials[i] = m;
            coefficients[i++] = c.Numerator * (lcm / c.Denominator);
        }
        return new SparsePolynomial<TMono>(layout, monomials, coefficients, lcm);
    }

    // ================================================================ rings: many products over one set of atoms

    /// <summary>
    /// The layout for an algorithm that multiplies many polynomials built from the same expressions (the
    /// entries of a matrix): an atom's field is wide enough for the sum over <paramref name="groups"/> of its
    /// highest exponent in the group, so any product taking at most one factor from each group fits (a
    /// determinant takes one entry per row). Null when an entry has a coefficient that is not an exact
    /// rational or the fields do not fit in 64 bits.
    /// </summary>
    public static Ring? RingFor(IEnumerable<IEnumerable<Expr>> groups)
    {
        var parsed = new List<List<List<ParsedTerm>>>();
        foreach (var group in groups)
        {
            var entries = new List<List<ParsedTerm>>();
            foreach (var e in group)
                if (ParseTerms(e) is { } terms) entries.Add(terms); else return null;
            parsed.Add(entries);
        }
        var atoms = CollectAtoms([.. parsed.SelectMany(g => g)]);
        var index = AtomIndex(atoms);
        var maxExponents = new BigInteger[atoms.Length];
        var degrees = new int[atoms.Length];
        foreach (var group in parsed)
        {
            Array.Clear(degrees);
            foreach (var terms in group)
                foreach (var t in terms)
                    foreach (var (a, k) in t.Powers)
                        degrees[index[a]] = Math.Max(degrees[index[a]], k);
            for (int i = 0; i < atoms.Length; i++) maxExponents[i] += degrees[i];
        }
        return Layout.For(atoms, maxExponents) is { } layout ? new Ring(layout, index) : null;
    }

    /// <summary>Polynomials over one layout (see <see cref="RingFor"/>).</summary>
    internal sealed class Ring
    {
        private readonly Layout _layout;
        private readonly Dictionary<Expr, int> _index;

        internal Ring(Layout layout, Dictionary<Expr, int> index)
        {
            _layout = layout;
            _index = index;
            Zero = new SparsePolynomial<TMono>(layout, [], [], BigInteger.One);
            One = new SparsePolynomial<TMono>(layout, [TMono.Zero], [BigInteger.One], BigInteger.One);
        }

        public SparsePolynomial<TMono> Zero { get; }

        public SparsePolynomial<TMono> One { get; }

        /// <summary>The polynomial of an expanded expression whose atoms are in the ring.</summary>
        public SparsePolynomial<TMono> From(Expr expanded) => FromTerms(_layout, _index, ParseTerms(expanded)!);

        /// <summary>The sum, over the least common denominator.</summary>
        public SparsePolynomial<TMono> Sum(IReadOnlyList<SparsePolynomial<TMono>> terms)
        {
            var denominator = BigInteger.One;
            foreach (var p in terms)
                denominator = denominator / BigInteger.GreatestCommonDivisor(denominator, p.Denominator) * p.Denominator;
            var sums = new Dictionary<TMono, BigInteger>();
            foreach (var p in terms)
            {
                var scale = denominator / p.Denominator;
                for (int i = 0; i < p.TermCount; i++)
                {
                    ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, p.Monomials[i], out _);
                    slot += scale.IsOne ? p.Coefficients[i] : p.Coefficients[i] * scale;
                }
            }
            return FromDictionary(_layout, sums, denominator);
        }
    }

    public bool IsZero => Monomials.Length == 0;

    public SparsePolynomial<TMono> Negate() =>
        new(_layout, Monomials, Coefficients.Select(c => -c).ToArray(), Denominator);

    // ================================================================ arithmetic

    /// <summary>The product, its terms accumulated by monomial (in <see cref="long"/> when a bound on the
    /// coefficients fits).</summary>
    internal SparsePolynomial<TMono> Times(SparsePolynomial<TMono> other, ComputeContext context)
    {
        var denominator = Denominator * other.Denominator;
        if (SumOfMagnitudes() is { } sa && other.SumOfMagnitudes() is { } sb && sa <= long.MaxValue / Math.Max(1, sb))
        {
            var small = new Dictionary<TMono, long>(Math.Max(TermCount, other.TermCount));
            for (int i = 0; i < TermCount; i++)
            {
                if ((i & 63) == 0) context.ThrowIfStopped();
                TMono mi = Monomials[i];
                long ci = (long)Coefficients[i];
                for (int j = 0; j < other.TermCount; j++)
                {
                    ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(small, mi + other.Monomials[j], out _);
                    slot += ci * (long)other.Coefficients[j];
                }
            }
            return FromDictionary(_layout, small.ToDictionary(p => p.Key, p => (BigInteger)p.Value), denominator);
        }
        var sums = new Dictionary<TMono, BigInteger>(Math.Max(TermCount, other.TermCount));
        for (int i = 0; i < TermCount; i++)
        {
            if ((i & 15) == 0) context.ThrowIfStopped();
            for (int j = 0; j < other.TermCount; j++)
            {
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, Monomials[i] + other.Monomials[j], out _);
                slot += Coefficients[i] * other.Coefficients[j];
            }
        }
        return FromDictionary(_layout, sums, denominator);
    }

    /// <summary>Σ |c_i| when it fits in a long (a bound on any coefficient of a product), else null.</summary>
    private long? SumOfMagnitudes()
    {
        BigInteger s = BigInteger.Zero;
        foreach (var c in Coefficients) s += BigInteger.Abs(c);
        return s <= long.MaxValue / 4 ? (long)s : null;
    }

    private SparsePolynomial<TMono> RepeatedSquaring(int n, ComputeContext context)
    {
        SparsePolynomial<TMono>? result = null;
        var square = this;
        while (n > 0)
        {
            if ((n & 1) == 1) result = result is null ? square : result.Times(square, context);
            n >>= 1;
            if (n > 0) square = square.Times(square, context);
        }
        return result!;
    }

    /// <summary>True when every term but at most one has an atom no other term has: then distinct exponent
    /// tuples of a power give distinct monomials, and the multinomial expansion needs no collection.</summary>
    private bool OwnsAnAtomPerTerm()
    {
        int atoms = _layout.Atoms.Length;
        var owners = new int[atoms]; // -1: several terms; else term index + 1
        for (int i = 0; i < TermCount; i++)
            for (int a = 0; a < atoms; a++)
                if (_layout.Exponent(Monomials[i], a) != 0) owners[a] = owners[a] == 0 ? i + 1 : -1;
        var owning = new bool[TermCount];
        foreach (var o in owners) if (o > 0) owning[o - 1] = true;
        return owning.Count(x => !x) <= 1;
    }

    /// <summary>
    /// this^n by the multinomial theorem: Σ over k_1 + ... + k_t = n of n!/(k_1!...k_t!) Π (c_i m_i)^k_i,
    /// enumerated depth-first with the coefficient of each level updated from the previous k. Requires
    /// <see cref="OwnsAnAtomPerTerm"/>; <paramref name="count"/> is C(n + t - 1, t - 1).
    /// </summary>
    private SparsePolynomial<TMono> MultinomialPower(int n, long count, ComputeContext context)
    {
        int t = TermCount;
        var monomials = new TMono[count];
        var coefficients = new BigInteger[count];
        int emitted = 0;
        var sumOfMagnitudes = BigInteger.Zero;
        foreach (var c in Coefficients) sumOfMagnitudes += BigInteger.Abs(c);
        // (Σ|c|)^n bounds every coefficient; times n bounds the products before the exact division.
        bool small = n * Math.Log2((double)sumOfMagnitudes) + Math.Log2(n + 1) < 62;
        var lastPowers = new BigInteger[n + 1]; // c_t^r
        lastPowers[0] = BigInteger.One;
        for (int r = 1; r <= n; r++) lastPowers[r] = lastPowers[r - 1] * Coefficients[t - 1];
        var smallCoefficients = small ? Coefficients.Select(c => (long)c).ToArray() : null;
        var smallLast = small ? lastPowers.Select(c => (long)c).ToArray() : null;
        var smallOut = small ? new long[count] : null;
        if (small) Small(0, n, TMono.Zero, 1); else Big(0, n, TMono.Zero, BigInteger.One);
        if (small)
            for (int i = 0; i < count; i++) coefficients[i] = smallOut![i];
        return new SparsePolynomial<TMono>(_layout, monomials, coefficients, BigInteger.Pow(Denominator, n));

        void Small(int i, int r, TMono monomial, long c)
        {
            if (i == t - 1)
            {
                monomials[emitted] = monomial + Monomials[i] * TMono.CreateTruncating(r);
                smallOut![emitted++] = c * smallLast![r];
                return;
            }
            if (i >= t - 2) context.ThrowIfStopped();
            TMono m = monomial;
            long ci = smallCoefficients![i];
            for (int k = 0; k <= r; k++)
            {
                if (k > 0)
                {
                    c = (long)((Int128)c * (r - k + 1) / k) * ci;
                    m += Monomials[i];
                }
                Small(i + 1, r - k, m, c);
            }
        }

        void Big(int i, int r, TMono monomial, BigInteger c)
        {
            if (i == t - 1)
            {
                monomials[emitted] = monomial + Monomials[i] * TMono.CreateTruncating(r);
                var last = lastPowers[r];
                coefficients[emitted++] = last.IsOne ? c : last == BigInteger.MinusOne ? -c : c * last;
                return;
            }
            if (i >= t - 2) context.ThrowIfStopped();
            TMono m = monomial;
            var ci = Coefficients[i];
            bool unit = ci.IsOne;
            for (int k = 0; k <= r; k++)
            {
                if (k > 0)
                {
                    c = c * (r - k + 1) / k;
                    if (!unit) c *= ci;
                    m += Monomials[i];
                }
                Big(i + 1, r - k, m, c);
            }
        }
    }

    // ================================================================ back to expressions

    /// <summary>Plain atoms: a positive integer power of one is a plain power node, and no two of them merge.</summary>
    private static bool IsPlainAtom(Expr a) => a switch
    {
        Symbol or Derivative => true,
        Constant c => !ReferenceEquals(c, Expr.E),
        Call { Function.Name: "exp" } => false,
        Call => true,
        _ => false,
    };

    /// <summary>The expanded expression: built directly in canonical order over plain atoms, through the factories otherwise.</summary>
    public Expr ToExpr()
    {
        var atoms = _layout.Atoms;
        int t = TermCount;
        if (t == 0) return Expr.Zero;
        var numbers = new Number[t];
        for (int i = 0; i < t; i++)
            numbers[i] = Expr.Number(Denominator.IsOne ? (Rational)Coefficients[i] : Rational.Create(Coefficients[i], Denominator));
        if (!atoms.All(IsPlainAtom)) return BuildThroughFactories(numbers);

        // The canonical order of the terms (see ExprOrder): the number first, then single powers with
        // coefficient 1, then products; within each group by the packed monomial (reverse lexicographic).
        var keys = new TMono[t];
        var sorted = new int[t];
        for (int i = 0; i < t; i++)
        {
            keys[i] = Monomials[i];
            sorted[i] = i;
        }
        Array.Sort(keys, sorted);
        var order = new int[t];
        int placed = 0;
        foreach (int i in sorted)
            if (IsLeadingGroup(i)) order[placed++] = i;
        foreach (int i in sorted)
            if (!IsLeadingGroup(i)) order[placed++] = i;
        var powers = new Expr?[atoms.Length][];
        for (int a = 0; a < atoms.Length; a++) powers[a] = new Expr?[Math.Min(int.CreateSaturating(_layout.Masks[a]), CachedPowers) + 1];
        var terms = ImmutableArray.CreateBuilder<Expr>(t);
        var factors = new Expr[atoms.Length + 1];
        for (int j = 0; j < t; j++)
        {
            ComputeContext.Poll();
            int i = order[j];
            TMono m = Monomials[i];
            if (m == TMono.Zero) { terms.Add(numbers[i]); continue; }
            int count = 0;
            if (!numbers[i].IsOne) factors[count++] = numbers[i];
            for (int a = 0; a < atoms.Length; a++)
            {
                int k = _layout.Exponent(m, a);
                if (k == 0) continue;
                var power = k < powers[a].Length ? powers[a][k] : null;
                if (power is null)
                {
                    power = Expr.Pow(atoms[a], Expr.Number(k));
                    if (k > 1 && !(power is Pow pw && ReferenceEquals(pw.Base, atoms[a])))
                        return BuildThroughFactories(numbers); // a power rule applied: let the factories decide
                    if (k < powers[a].Length) powers[a][k] = power;
                }
                factors[count++] = power;
            }
            terms.Add(Expr.ProductOfCanonicalFactors(ImmutableArray.Create(factors, 0, count)));
        }
        return Expr.SumOfCanonicalTerms(terms.MoveToImmutable());
    }

    /// <summary>The constant and the single powers with coefficient 1, which come before all products.</summary>
    private bool IsLeadingGroup(int i) =>
        Monomials[i] == TMono.Zero || Coefficients[i] == Denominator && SingleAtom(Monomials[i]);

    // Powers of an atom up to this exponent are cached while building.
    private const int CachedPowers = 1 << 16;

    private bool SingleAtom(TMono m)
    {
        int count = 0;
        for (int a = 0; a < _layout.Atoms.Length && count < 2; a++)
            if (_layout.Exponent(m, a) != 0) count++;
        return count == 1;
    }

    private Expr BuildThroughFactories(Number[] numbers)
    {
        var atoms = _layout.Atoms;
        var terms = new List<Expr>(TermCount);
        var factors = new List<Expr>(atoms.Length + 1);
        for (int i = 0; i < TermCount; i++)
        {
            factors.Clear();
            factors.Add(numbers[i]);
            for (int a = 0; a < atoms.Length; a++)
            {
                int k = _layout.Exponent(Monomials[i], a);
                if (k != 0) factors.Add(k == 1 ? atoms[a] : Expr.Pow(atoms[a], Expr.Number(k)));
            }
            terms.Add(Expr.Mul(factors));
        }
        return Expr.Add(terms);
    }
}
