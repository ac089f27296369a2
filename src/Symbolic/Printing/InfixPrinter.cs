using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Symbolic.Printing;

/// <summary>
/// Prints an expression as infix text that parses back to the same expression, with as few
/// parentheses as the grammar allows: <c>3*x^2 + 2*x*y</c>, <c>1 - x</c>, <c>x/(2*y)</c>,
/// <c>exp(-x^2)*sin(x)/(x^2 + 1)</c>, <c>sqrt(x)</c>, <c>x^y^z</c>, <c>(x^y)^z</c>, <c>diff(g(x), x, 2)</c>.
/// </summary>
/// <remarks>
/// Sums are shown in <see cref="PrintOrder.Terms"/> order, negative terms after a <c> - </c>.
/// A product is shown as a quotient: factors with a negative exponent, and the denominator of an exact
/// fractional coefficient, go below one <c>/</c>; a decimal coefficient (in the decimal style) stays in front.
/// A power with a negative exponent alone is a reciprocal (<c>1/x</c>, <c>1/x^y</c>).
/// The printer keeps its own work stack instead of recursing, so nesting depth is limited only by memory.
/// </remarks>
/// <example><code>InfixPrinter.Print(Expr.Parse("x^3/6 + 1 + x")) == "x^3/6 + x + 1"</code></example>
public static class InfixPrinter
{
    /// <summary>The infix text of <paramref name="e"/>.</summary>
    public static string Print(Expr e) => Print(e, decimals: false);

    /// <summary>
    /// The infix text of <paramref name="e"/>. With <paramref name="decimals"/> (a result computed from decimal
    /// input), the exact non-integers print as decimals (<c>3.2*y^3</c>, <c>0.005*x^2</c>) when every one of them
    /// ends within <see cref="Rational.DecimalDigits"/> digits; when one does not (<c>1/6000</c>) the whole
    /// expression prints as fractions (<c>x^3/6000 + x^2/200 + x/10 + 1</c>), so one expression uses one style.
    /// Without the flag all of them are fractions (<c>16*y^3/5</c>). Either text parses back to <paramref name="e"/>.
    /// </summary>
    /// <example><code>InfixPrinter.Print(Expr.Parse("16/5*y^3"), decimals: true) == "3.2*y^3"</code></example>
    public static string Print(Expr e, bool decimals)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        new Writer(sb, decimals && PrintOrder.DecimalStyleFits(e)).Run(e);
        return sb.ToString();
    }

    /// <summary>The text of a number alone: <c>3</c>, <c>-1/30</c>, <c>1E-20</c>, <c>-Infinity</c>, <c>NaN</c>.</summary>
    internal static string FormatNumber(Number n) => FormatNumber(n, decimals: false);

    /// <summary>The text of a number alone, in the decimal style when <paramref name="decimals"/> (<c>3.2</c>, <c>1/30</c>).</summary>
    internal static string FormatNumber(Number n, bool decimals) =>
        n.IsExact ? n.Exact.ToString(decimals) : n.Value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Writer(StringBuilder sb, bool decimals) : StackWriter(sb, decimals)
    {
        protected override string OpenParenText => @"(";

        protected override string CloseParenText => @")";

        protected override Precedence PrecedenceOf(Expr e) => InfixPrinter.PrecedenceOf(e, Decimals);

        protected override Precedence PowerPrecedence(Expr b, Expr exponent) => InfixPrinter.PowerPrecedence(b, exponent, Decimals);

        protected override void EmitNumber(Number n) => Sb.Append(FormatNumber(n, Decimals));

        protected override void Emit(Expr e)
        {
            switch (e)
            {
                case Number n:
                    EmitNumber(n);
                    break;
                case Symbol s:
                    Sb.Append(s.Name);
                    break;
                case Constant c:
                    Sb.Append(c.Name);
                    break;
                case Add a:
                    EmitSum(a);
                    break;
                case Mul m:
                    EmitProduct(PrintOrder.Split(m, decimals: Decimals));
                    break;
                case Pow p when PrintOrder.ScaledPower(p, Decimals) is { } scaled:
                    EmitProduct(scaled);
                    break;
                case Pow p:
                    EmitPower(p.Base, p.Exponent);
                    break;
                case Call c:
                    Sb.Append(c.Function.Name).Append('(');
                    for (int i = 0; i < c.Arguments.Length; i++)
                    {
                        if (i > 0) Parts.Add(Item.Of(", "));
                        Parts.Add(Item.Of(c.Arguments[i], Precedence.Add));
                    }
                    Parts.Add(Item.Of(")"));
                    Flush();
                    break;
                case Derivative d:
                    EmitDerivative(d);
                    break;
                default:
                    throw new UnreachableException(e.GetType().Name);
            }
        }



        // -2*x*y/(3*z): sign, numerator factors joined by '*', one '/' and the denominator.
        // Two spellings are avoided because the parser would read them as another canonical form
        // (a number times a lone sum is distributed): -(x + 1)*y/z, where the minus would apply
        // to the sum alone, becomes -1*(x + 1)*y/z; x/(2*(x + 1)) becomes x/(x + 1)/2.
        protected override void EmitProduct(PrintOrder.Quotient q)
        {
            if (q.Negative) Sb.Append('-');
            bool first = true;
            if (q.NumeratorCoefficient is { } top)
            {
                Sb.Append(FormatNumber(top, Decimals));
                first = false;
            }
            else if (q.Negative && q.Numerator.Count > 0 && q.Numerator[0] is Add)
            {
                Sb.Append('1');
                first = false;
            }
            foreach (var f in q.Numerator)
            {
                if (!first) Parts.Add(Item.Of("*"));
                Parts.Add(Item.Of(f, Precedence.Pow));
                first = false;
            }
            if (first) Parts.Add(Item.Of("1"));
            if (q.HasDenominator)
            {
                if (q is { DenominatorCoefficient: { } d, Denominator: [(Add sum, Number { IsOne: true })] })
                {
                    Parts.Add(Item.Of("/"));
                    Parts.Add(Item.Of(sum, Precedence.Pow));
                    Parts.Add(Item.Of("/" + FormatNumber(d)));
                    Flush();
                    return;
                }
                bool group = q.DenominatorCount > 1;
                Parts.Add(Item.Of(group ? "/(" : "/"));
                first = true;
                if (q.DenominatorCoefficient is { } bottom)
                {
                    Parts.Add(Item.Of(FormatNumber(bottom)));
                    first = false;
                }
                foreach (var (b, exponent) in q.Denominator)
                {
                    if (!first) Parts.Add(Item.Of("*"));
                    Parts.Add(PowerItem(b, exponent, Precedence.Pow));
                    first = false;
                }
                if (group) Parts.Add(Item.Of(")"));
            }
            Flush();
        }

        private static Item PowerItem(Expr b, Expr exponent, Precedence required) =>
            exponent is Number { IsOne: true }
                ? Item.Of(b, required)
                : new Item(Kind.Power, null, b, exponent, required);

        // b^e as parts; b^(1/2) is sqrt(b) and b^(-e) is 1/b^e.
        protected override void EmitPower(Expr b, Expr exponent)
        {
            if (PrintOrder.IsReciprocalExponent(exponent))
            {
                Parts.Add(Item.Of("1/"));
                Parts.Add(PowerItem(b, PrintOrder.Negate(exponent), Precedence.Pow));
            }
            else if (PrintOrder.IsHalf(exponent))
            {
                Parts.Add(Item.Of("sqrt("));
                Parts.Add(Item.Of(b, Precedence.Add));
                Parts.Add(Item.Of(")"));
            }
            else
            {
                // ^ is right-associative: the base must be an atom, the exponent may be another power.
                Parts.Add(Item.Of(b, Precedence.Atom));
                Parts.Add(Item.Of("^"));
                // a root stays exact in the decimal style: x^(2/3), not x^0.6666666666666666
                if (Decimals && PrintOrder.IsFractionExponent(exponent, out var q)) Parts.Add(Item.Of($"({q})"));
                else Parts.Add(Item.Of(exponent, Precedence.Pow));
            }
            Flush();
        }

        // diff(g(x, y), x, 2, y): variables in order, a repeated one followed by its count.
        private void EmitDerivative(Derivative d)
        {
            Sb.Append("diff(");
            Parts.Add(Item.Of(d.Expression, Precedence.Add));
            var text = new StringBuilder();
            var vars = d.Variables;
            for (int i = 0; i < vars.Length;)
            {
                int j = i;
                while (j < vars.Length && ReferenceEquals(vars[j], vars[i])) j++;
                text.Append(", ").Append(vars[i].Name);
                if (j - i > 1) text.Append(", ").Append((j - i).ToString(CultureInfo.InvariantCulture));
                i = j;
            }
            text.Append(')');
            Parts.Add(Item.Of(text.ToString()));
            Flush();
        }
    }

    /// <summary>How tightly the printed text of <paramref name="e"/> binds (also read by <c>steps</c>, which composes printed parts).</summary>
    internal static Precedence PrecedenceOf(Expr e, bool decimals = false) => e switch
    {
        Number n => NumberPrecedence(n, decimals),
        Add => Precedence.Add,
        Mul m => PrintOrder.IsNegativeTerm(m) ? Precedence.Unary : Precedence.Mul,
        Pow p when PrintOrder.ScaledPower(p, decimals) is not null => Precedence.Mul,
        Pow p => PowerPrecedence(p.Base, p.Exponent, decimals),
        _ => Precedence.Atom,
    };

    private static Precedence NumberPrecedence(Number n, bool decimals)
    {
        if (PrintOrder.IsNegative(n)) return Precedence.Unary;
        return PrintOrder.PrintsAsFraction(n, decimals) ? Precedence.Mul : Precedence.Atom;
    }

    private static Precedence PowerPrecedence(Expr b, Expr exponent, bool decimals)
    {
        if (exponent is Number { IsOne: true }) return PrecedenceOf(b, decimals);
        if (PrintOrder.IsReciprocalExponent(exponent)) return Precedence.Mul;
        return PrintOrder.IsHalf(exponent) ? Precedence.Atom : Precedence.Pow;
    }
}
