using System.Collections.Immutable;
using System.Numerics;

namespace Symbolic.Printing;

/// <summary>Operator precedence of printed text, loosest first. A child is parenthesized when its
/// precedence is lower than what its place in the parent requires.</summary>
internal enum Precedence
{
    Add,
    Mul,
    Unary,
    Pow,
    Atom,
}

/// <summary>
/// What the infix and LaTeX printers share: the display order of a sum's terms, the signs of terms,
/// and the split of a product into numerator and denominator. This is presentation only; the
/// canonical order inside nodes (<see cref="ExprOrder"/>) is never changed by printing.
/// </summary>
internal static class PrintOrder
{
    /// <summary>
    /// The terms of <paramref name="sum"/> in the order people write them (SymPy-like): terms by
    /// descending total degree, ties in graded-lex order of their factors (<c>3*x^2 + 2*x*y + 3*y^2</c>,
    /// <c>2*x + y</c>, <c>cos(x) + sin(x)</c>), the number last; then, when the first term is negative, the first positive term moves to the
    /// front (<c>1 - x</c> rather than <c>-x + 1</c>), except in a sum of more than two terms in one
    /// variable, whose descending degrees are kept (<c>-x^4/8 + x^2/2 + 1</c>); a sum without symbols leads with
    /// its positive number (<c>5 + sqrt(2)</c>, <c>5 - sqrt(2)</c>).
    /// </summary>
    public static Expr[] Terms(Add sum)
    {
        var terms = sum.Terms;
        var keys = new TermKey[terms.Length];
        for (int i = 0; i < terms.Length; i++) keys[i] = TermKey.Of(terms[i]);
        var sorted = terms.ToArray();
        Array.Sort(keys, sorted, TermKey.Comparer);

        // A leading positive term reads better (1 - x, 6*x - 2*a - 2*b, y - w*x - b), but in a longer
        // sum of one variable, such as a Taylor polynomial, the descending degrees matter more.
        if (IsNegativeTerm(sorted[0]) && (sorted.Length == 2 || sum.FreeSymbols.Count > 1))
        {
            int k = Array.FindIndex(sorted, t => !IsNegativeTerm(t));
            if (k > 0)
            {
                var first = sorted[k];
                Array.Copy(sorted, 0, sorted, 1, k);
                sorted[0] = first;
            }
        }
        // A constant sum leads with its positive number, as people write 1 + sqrt(2) and 5/2 + sqrt(33)/2.
        else if (sum.FreeSymbols.Count == 0 && sorted[^1] is Number last && !IsNegative(last) && !IsNegativeTerm(sorted[0]))
        {
            Array.Copy(sorted, 0, sorted, 1, sorted.Length - 1);
            sorted[0] = last;
        }
        return sorted;
    }

    /// <summary>Sum of the numeric exponents of the symbol (and shifted-symbol) factors: 2 for <c>3*x*y</c>
    /// and for <c>(x - 1)^2</c>, 0 for <c>sin(x)</c>.</summary>
    public static double Degree(Expr term)
    {
        static double Of(Expr f) => f switch
        {
            Symbol => 1,
            Pow { Base: Symbol, Exponent: Number n } => n.Value,
            // a shifted variable counts like one, so a Taylor polynomial in (x - 1) reads by degree
            Add { FreeSymbols.Count: > 0 } => 1,
            Pow { Base: Add { FreeSymbols.Count: > 0 }, Exponent: Number n } => n.Value,
            _ => 0,
        };
        if (term is not Mul m) return Of(term);
        double degree = 0;
        foreach (var f in m.Factors) degree += Of(f);
        return degree;
    }

    /// <summary>True when the term prints with a leading minus: a negative number or a negative coefficient.</summary>
    public static bool IsNegativeTerm(Expr term) => term switch
    {
        Number n => IsNegative(n),
        Mul { Factors: [Number c, ..] } => IsNegative(c),
        _ => false,
    };

    /// <summary>Negative, including the float <c>-0</c> and <c>-Infinity</c> (never NaN).</summary>
    public static bool IsNegative(Number n) =>
        n.IsExact ? n.Exact.Sign < 0 : n.Value < 0 || (n.Value == 0 && double.IsNegative(n.Value));

    /// <summary>
    /// True when <c>b^exponent</c> is written as a reciprocal <c>1/b^(-exponent)</c>: the exponent is a
    /// negative number or a product with a negative coefficient (<c>x^(-1)</c>, <c>x^(-y)</c>, <c>x^(-1/2)</c>).
    /// </summary>
    public static bool IsReciprocalExponent(Expr exponent) => exponent switch
    {
        Number n => IsNegative(n) && !double.IsNaN(n.Value),
        Mul { Factors: [Number c, ..] } => IsNegative(c),
        _ => false,
    };

    /// <summary>True for the exponent 1/2 that prints as <c>sqrt</c> (in both number styles).</summary>
    public static bool IsHalf(Expr exponent) =>
        exponent is Number { IsExact: true } n && n.Exact.Equals(Rational.Half);

    /// <summary>
    /// True when the decimal style prints every number of <paramref name="e"/> exactly: each exact non-integer
    /// outside an exponent ends within <see cref="Rational.DecimalDigits"/> digits (<c>3.2</c>, <c>0.005</c>,
    /// <c>1e-400</c>). A result with a number that does not (<c>1/6000</c>) prints all of its numbers as
    /// fractions, so one expression uses one style and its text reads back exactly. Visits each distinct node once.
    /// </summary>
    public static bool DecimalStyleFits(Expr e)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            switch (node)
            {
                case Number { IsExact: true } n:
                    if (!n.Exact.IsExactDecimal) return false;
                    break;
                // a product or power whose sum factors print with integer coefficients is judged as it prints
                case Mul m when m.Factors.Any(f => ShownWithIntegers(f, decimals: true)):
                    if (!Fits(Split(m, decimals: true))) return false;
                    break;
                case Pow p when ScaledPower(p, decimals: true) is { } shown:
                    if (!Fits(shown)) return false;
                    break;
                case Pow p:
                    stack.Push(p.Base); // an exponent prints exactly in either style (x^(2/3), x^1.5)
                    break;
                default:
                    foreach (var child in node.Children) stack.Push(child);
                    break;
            }
        }
        return true;

        bool Fits(Quotient q)
        {
            foreach (var c in (ReadOnlySpan<Number?>)[q.NumeratorCoefficient, q.DenominatorCoefficient])
                if (c is { IsExact: true } n && !n.Exact.IsExactDecimal) return false;
            foreach (var f in q.Numerator) stack.Push(f);
            foreach (var (b, _) in q.Denominator) stack.Push(b);
            return true;
        }
    }

    /// <summary>
    /// The one rule of the decimal style: with <paramref name="decimals"/> (the printers pass it only when
    /// <see cref="DecimalStyleFits"/> holds for the whole expression), every exact non-integer prints as a
    /// decimal (<c>3.2</c>, <c>0.005</c>), so an expression never mixes the two styles; without it, every exact
    /// non-integer prints as a reduced fraction (<c>1/30</c>).
    /// </summary>
    public static bool PrintsAsDecimal(Number n, bool decimals) =>
        decimals && n.IsExact && !n.Exact.IsInteger;

    /// <summary>
    /// True for an exact exponent that the decimal style would only approximate (<c>2/3</c>): it prints as the
    /// fraction <paramref name="fraction"/> instead, since it is a root's exact index (<c>x^(2/3)</c>), while
    /// exponents with exact decimals stay decimals (<c>x^1.5</c>).
    /// </summary>
    public static bool IsFractionExponent(Expr exponent, out Rational fraction)
    {
        fraction = exponent is Number { IsExact: true } n ? n.Exact : Rational.Zero;
        return exponent is Number { IsExact: true } && !fraction.IsExactDecimal;
    }

    /// <summary>An exact non-integer printed as a fraction p/q in this style.</summary>
    public static bool PrintsAsFraction(Number n, bool decimals) =>
        n.IsExact && !n.Exact.IsInteger && !PrintsAsDecimal(n, decimals);

    /// <summary>
    /// A product split for display as <c>sign * numerator / denominator</c>. Factors with a reciprocal
    /// exponent go below the line with the exponent negated (so <c>x^(-2)</c> contributes <c>x^2</c>); an
    /// exact, non-decimal coefficient p/q puts |p| above and q below; a decimal or floating-point
    /// coefficient stays above as written (<c>0.5*x</c>, <c>3.2*y^3</c>).
    /// </summary>
    public readonly record struct Quotient(
        bool Negative,
        Number? NumeratorCoefficient,
        Number? DenominatorCoefficient,
        List<Expr> Numerator,
        List<(Expr Base, Expr Exponent)> Denominator)
    {
        public bool HasDenominator => DenominatorCoefficient is not null || Denominator.Count > 0;

        /// <summary>Number of printed factors below the line.</summary>
        public int DenominatorCount => (DenominatorCoefficient is null ? 0 : 1) + Denominator.Count;

        /// <summary>Number of printed factors above the line (0 means the numerator is 1).</summary>
        public int NumeratorCount => (NumeratorCoefficient is null ? 0 : 1) + Numerator.Count;
    }

    /// <summary>Splits a product, negating its sign when <paramref name="negate"/> (for <c>a - b*c</c>).</summary>
    public static Quotient Split(Mul m, bool negate = false, bool decimals = false) => Split(m.Factors, negate, decimals);

    /// <summary>
    /// A power of a sum shown as a product, or null: in the fraction style, <c>(x + 3/2)^2</c> (a sum is kept
    /// monic, see <c>Expr.Mul</c>) reads as <c>(2*x + 3)^2/4</c>. Its printed text binds as a product.
    /// </summary>
    public static Quotient? ScaledPower(Pow p, bool decimals) =>
        ShownWithIntegers(p, decimals) ? Split([p], negate: false, decimals) : null;

    // A sum factor with exact coefficients, not all integers, shows integer coefficients in the fraction style,
    // and in the decimal style when one of its coefficients has no terminating decimal (0.5*y*(3*x + 1), whose
    // canonical form is 1.5*y*(x + 1/3)). A test only: IntegerForm builds the form.
    private static bool ShownWithIntegers(Expr factor, bool decimals)
    {
        if (SumFactor(factor) is not var (sum, _)) return false;
        bool fractional = false, terminating = true;
        foreach (var t in sum.Terms)
        {
            var c = Expr.SplitCoefficient(t).Coefficient;
            if (!c.IsExact) return false;
            fractional |= !c.Exact.IsInteger;
            terminating &= c.Exact.IsExactDecimal;
        }
        return fractional && (!decimals || !terminating);
    }

    // s or s^n with a sum s and an integer n; beyond a few dozen, the scale k^n of IntegerForm would be a long
    // number: such a power shows its monic sum.
    private static (Add Sum, int Exponent)? SumFactor(Expr factor) => factor switch
    {
        Add a => (a, 1),
        Pow { Base: Add a, Exponent: Number { IsExact: true, Exact: { IsInteger: true } e } } when BigInteger.Abs(e.Numerator) <= 64 => (a, (int)e.Numerator),
        _ => null,
    };

    private static Quotient Split(IReadOnlyList<Expr> factors, bool negate, bool decimals)
    {
        var numerator = new List<Expr>(factors.Count);
        var denominator = new List<(Expr, Expr)>();
        bool negative = negate;
        Number? top = null, bottom = null;
        // The fraction style shows a sum factor with integer coefficients, the scale going to the coefficient:
        // 2*(x + 3/2)*y reads y*(2*x + 3), as it was written. The decimal style shows it monic, y*(x - 1.5),
        // unless a monic coefficient has no decimal: 1.5*y*(x + 1/3) reads 0.5*y*(3*x + 1).
        Rational scale = Rational.One;
        if (!factors.Any(f => f is Number { IsExact: false }) && factors.Any(f => ShownWithIntegers(f, decimals)))
        {
            var shown = new List<Expr>(factors.Count + 1);
            foreach (var f in factors)
            {
                if (f is Number n && n.IsExact) scale *= n.Exact;
                else if (ShownWithIntegers(f, decimals))
                {
                    var (k, form) = IntegerForm(f);
                    scale *= k;
                    shown.Add(form);
                }
                else shown.Add(f);
            }
            if (!scale.IsOne) shown.Insert(0, Expr.Number(scale));
            factors = shown;
        }
        foreach (var f in factors)
        {
            switch (f)
            {
                case Number c:
                    if (IsNegative(c)) negative = !negative;
                    var abs = Abs(c);
                    if (PrintsAsFraction(abs, decimals))
                    {
                        if (!abs.Exact.Numerator.IsOne) top = Expr.Number(abs.Exact.Numerator);
                        bottom = Expr.Number(abs.Exact.Denominator);
                    }
                    else if (!abs.IsOne) top = abs;
                    break;
                case Pow p when IsReciprocalExponent(p.Exponent):
                    denominator.Add((p.Base, Negate(p.Exponent)));
                    break;
                default:
                    numerator.Add(f);
                    break;
            }
        }
        if (negative) negative = !AbsorbSign(numerator, denominator);
        FlipPairs(numerator);
        return new Quotient(negative, top, bottom, numerator, denominator);
    }

    /// <summary>
    /// A factor <c>s</c> or <c>s^n</c> that <see cref="ShownWithIntegers"/> picks, as <c>k^n * form</c> where
    /// <c>form</c> is the sum with coprime integer coefficients (<c>k &gt; 0</c>) raised to the same power. The
    /// form is built as a node of its own, outside the canonical factories (which would make its sum monic
    /// again): it is only for display.
    /// </summary>
    private static (Rational Scale, Expr Form) IntegerForm(Expr factor)
    {
        var (sum, n) = SumFactor(factor)!.Value;
        var k = Rational.Zero;
        foreach (var t in sum.Terms) k = Rational.Gcd(k, Expr.SplitCoefficient(t).Coefficient.Exact);
        var reciprocal = Expr.Number(k.Reciprocal());
        var terms = new Expr[sum.Terms.Length];
        for (int i = 0; i < terms.Length; i++) terms[i] = Expr.Mul(reciprocal, sum.Terms[i]);
        var integral = Expr.Add(terms);
        return n == 1 ? (k, integral) : (k.Pow(n), Expr.RawPower(integral, Expr.Number(n)));
    }

    /// <summary>
    /// Moves a product's minus sign into a sum factor when the negated sum reads without a leading minus:
    /// the canonical <c>-(s - 1)*s*x^2</c> (a sum factor's leading term is positive, see
    /// <c>Expr.Mul</c>) prints as <c>x^2*s*(1 - s)</c>, with no double negative, and reads back as the
    /// same object. A factor above the line takes it first; below the line only a sum whose negation starts
    /// with its number (<c>1/(p*(1 - p))</c>, while <c>-b/(a*d - b*c)</c> keeps its minus in front). False when
    /// no sum factor takes the sign (<c>-x*(z + 1)</c> stays as it is). A negative term of a sum keeps its
    /// sign as the operator: <c>a - y*(x - 1)</c>, not <c>a + y*(1 - x)</c>.
    /// </summary>
    private static bool AbsorbSign(List<Expr> numerator, List<(Expr Base, Expr Exponent)> denominator)
    {
        for (int i = 0; i < numerator.Count; i++)
        {
            if (NegatedReadsPositive(numerator[i]) is { } negated)
            {
                numerator[i] = negated;
                return true;
            }
        }
        // an odd power of a sum takes it as well: -(p - 1)^3 reads (1 - p)^3
        for (int i = 0; i < numerator.Count; i++)
        {
            if (numerator[i] is Pow { Base: var b, Exponent: Number { IsInteger: true } n } && !n.Exact.Numerator.IsEven
                && NegatedReadsPositive(b) is { } negated)
            {
                numerator[i] = Expr.RawPower(negated, n);
                return true;
            }
        }
        for (int i = 0; i < denominator.Count; i++)
        {
            if (denominator[i] is (var b, Number { IsOne: true } one) && NegatedReadsPositive(b) is { } negated && Terms(negated)[0] is Number)
            {
                denominator[i] = (negated, one);
                return true;
            }
        }
        return false;
    }

    /// <summary>-factor when the factor is a sum whose negation prints without a leading minus, else null.</summary>
    private static Add? NegatedReadsPositive(Expr factor) =>
        factor is Add sum && Expr.Neg(sum) is Add negated && !IsNegativeTerm(Terms(negated)[0]) ? negated : null;

    /// <summary>
    /// Negates sum factors above the line two at a time where each negation reads as people write it, with
    /// its number first, and the sum is in a quantity the product also holds as a factor (a probability times
    /// its complement): the canonical <c>s*(s - 1)*(2*s - 1)</c> prints as <c>s*(1 - s)*(1 - 2*s)</c>, the
    /// second derivative of the sigmoid, and reads back as the same object since the two signs cancel;
    /// <c>(x - 1)*(y - 1)</c> keeps its form. An odd one out keeps its form too.
    /// </summary>
    private static void FlipPairs(List<Expr> numerator)
    {
        var atoms = new HashSet<Expr>();
        foreach (var f in numerator)
            if (f is not Add) atoms.Add(f is Pow p ? p.Base : f);
        if (atoms.Count == 0) return;
        int pending = -1;
        for (int i = 0; i < numerator.Count; i++)
        {
            if (numerator[i] is not Add sum || Terms(sum)[0] is Number) continue;
            if (!sum.Terms.Any(t => atoms.Contains(t is Mul { Factors: [Number, ..] } m ? m.WithoutCoefficient : t))) continue;
            if (NegatedReadsPositive(sum) is not { } negated || Terms(negated)[0] is not Number) continue;
            if (pending < 0)
            {
                pending = i;
                continue;
            }
            numerator[pending] = Expr.Neg(numerator[pending]);
            numerator[i] = negated;
            pending = -1;
        }
    }

    /// <summary>-e for an exponent or coefficient; canonical, so -(-2*y) is 2*y.</summary>
    public static Expr Negate(Expr e) => e is Number n ? Negate(n) : Expr.Neg(e);

    public static Number Negate(Number n) => n.IsExact ? Expr.Number(-n.Exact) : Expr.Float(-n.Value);

    public static Number Abs(Number n) => IsNegative(n) ? Negate(n) : n;

    /// <summary>Sort key of a term: numbers last, then descending degree, then graded-lex order of
    /// the symbolic factors, then the coefficient.</summary>
    private readonly record struct TermKey(bool IsNumber, double Degree, ImmutableArray<Expr> Factors, int Start, Number Coefficient)
    {
        public static TermKey Of(Expr term)
        {
            if (term is Number n) return new TermKey(true, 0, [], 0, n);
            if (term is Mul m)
            {
                bool hasCoefficient = m.Factors[0] is Number;
                return new TermKey(false, PrintOrder.Degree(m), m.Factors, hasCoefficient ? 1 : 0,
                    hasCoefficient ? (Number)m.Factors[0] : Expr.One);
            }
            return new TermKey(false, PrintOrder.Degree(term), [term], 0, Expr.One);
        }

        public static readonly IComparer<TermKey> Comparer = Comparer<TermKey>.Create(static (a, b) =>
        {
            if (a.IsNumber != b.IsNumber) return a.IsNumber ? 1 : -1;
            int c = b.Degree.CompareTo(a.Degree);
            if (c != 0) return c;
            c = CompareMonomials(a, b);
            return c != 0 ? c : ExprOrder.Compare(a.Coefficient, b.Coefficient);
        });

        // Lexicographic on (base, exponent) from the first factor: the earlier base first (x*y before
        // y^2), for one base the higher numeric power first (x^2 before x*y); a prefix comes first.
        private static int CompareMonomials(TermKey a, TermKey b)
        {
            int i = a.Start, j = b.Start;
            for (; i < a.Factors.Length && j < b.Factors.Length; i++, j++)
            {
                var (ab, ae) = a.Factors[i] is Pow pa ? (pa.Base, pa.Exponent) : (a.Factors[i], Expr.One);
                var (bb, be) = b.Factors[j] is Pow pb ? (pb.Base, pb.Exponent) : (b.Factors[j], Expr.One);
                int c = ExprOrder.Compare(ab, bb);
                if (c != 0) return c;
                c = ae is Number na && be is Number nb ? nb.Value.CompareTo(na.Value) : ExprOrder.Compare(ae, be);
                if (c != 0) return c;
            }
            return (a.Factors.Length - i).CompareTo(b.Factors.Length - j);
        }
    }
}
