using System.Globalization;
using System.Text;

namespace Symbolic.Printing;

/// <summary>
/// The text of a Taylor polynomial Σ c_k (x - a)^k in the order the course notes write one: ascending
/// total degree, each power of (x - a) once, the coefficient in front: <c>x - 1 - (x - 1)^2/2</c>,
/// <c>2 + (x - 4)/4 - (x - 4)^2/64</c>, <c>sin(a) + cos(a)*(x - a) - sin(a)*(x - a)^2/2</c>, and at
/// a = 0 <c>1 + x + x^2/2</c>. The text parses back to the canonical sum of the terms (the parser
/// distributes and collects as the factories do).
/// </summary>
internal static class TaylorPrinter
{
    /// <summary>The terms, already in display order, each with one exponent per variable.</summary>
    public static string Print(IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point,
        IReadOnlyList<(IReadOnlyList<int> Exponents, Expr Coefficient)> terms, bool decimals)
    {
        if (terms.Count == 0) return "0";
        // one number style for the whole polynomial, decided over every coefficient and the point
        decimals = decimals && point.All(PrintOrder.DecimalStyleFits) && terms.All(t => PrintOrder.DecimalStyleFits(t.Coefficient));
        var bases = new string[variables.Count];
        for (int i = 0; i < bases.Length; i++)
            bases[i] = point[i] is Number { IsZero: true, IsExact: true }
                ? variables[i].Name
                : "(" + InfixPrinter.Print(Expr.Sub(variables[i], point[i]), decimals) + ")";
        var sb = new StringBuilder();
        foreach (var (exponents, coefficient) in terms)
        {
            var term = Term(PowerText(bases, exponents), coefficient, decimals);
            if (sb.Length == 0)
            {
                // -(x - 1)*(y - 2) would read as (1 - x)*(y - 2): the minus must not take the sum alone
                sb.Append(LeadingMinusTakesASum(term) ? "-1*" + term[1..] : term);
            }
            else if (term.StartsWith('-')) sb.Append(" - ").Append(term, 1, term.Length - 1);
            else sb.Append(" + ").Append(term);
        }
        // a lone (x - a) needs no parentheses; in a longer sum they show that it is the first power
        if (terms.Count == 1 && sb.Length > 0 && sb[0] == '(' && ClosingParenthesis(sb.ToString()) == sb.Length - 1)
            return sb.ToString(1, sb.Length - 2);
        return sb.ToString();
    }

    // (x - 1)^2*(y - 2): the variables in their order, each power once
    private static string PowerText(string[] bases, IReadOnlyList<int> exponents)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < bases.Length; i++)
        {
            if (exponents[i] == 0) continue;
            if (sb.Length > 0) sb.Append('*');
            sb.Append(bases[i]);
            if (exponents[i] != 1) sb.Append('^').Append(exponents[i].ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// c times the power text. The power stands in the printed product as one atom (a symbol named by
    /// its text), placed after the coefficient's other factors above the line, so the infix printer's
    /// rules for signs, fractions and decimals apply unchanged: <c>-(x - 1)^2/2</c>, <c>(x - 4)/4</c>,
    /// <c>0.5*x^2</c>, <c>-sin(a)*(x - a)^2/2</c>, <c>exp(3)*(x - 1)</c>.
    /// </summary>
    private static string Term(string power, Expr coefficient, bool decimals)
    {
        if (power.Length == 0) return InfixPrinter.Print(coefficient, decimals);
        var (number, rest) = Expr.SplitCoefficient(coefficient);
        var above = new List<Expr>();
        var below = new List<Expr>();
        IEnumerable<Expr> factors = rest is Mul m ? m.Factors : [rest];
        foreach (var f in factors)
        {
            if (f is Number { IsOne: true }) continue;
            (f is Pow p && PrintOrder.IsReciprocalExponent(p.Exponent) ? below : above).Add(f);
        }
        var name = power;
        if (above.Count > 0)
        {
            var product = Expr.Mul(above);
            var text = InfixPrinter.Print(product, decimals);
            name = (product is Add ? "(" + text + ")" : text) + "*" + power;
        }
        return InfixPrinter.Print(Expr.Mul([number, Expr.Symbol(name), .. below]), decimals);
    }

    // "-(x - 1)*..." or "-(x - 1)/a": a parenthesized sum right after the sign, followed by more factors
    private static bool LeadingMinusTakesASum(string term)
    {
        if (term.Length < 2 || term[0] != '-' || term[1] != '(') return false;
        int i = ClosingParenthesis(term, 1);
        return i > 0 && i + 1 < term.Length
            && (term[i + 1] == '*' || (term[i + 1] == '/' && i + 2 < term.Length && !char.IsAsciiDigit(term[i + 2])));
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or -1.</summary>
    private static int ClosingParenthesis(string text, int open = 0)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }
}
