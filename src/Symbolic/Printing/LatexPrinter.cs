using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Symbolic.Printing;

/// <summary>
/// Prints an expression as LaTeX math: <c>\frac{2 x}{3}</c>, <c>x^{\frac{2}{3}}</c>, <c>\sqrt{x}</c>,
/// <c>\sin\left(x\right)^{2}</c>, <c>e^{-x^{2}}</c>, <c>\sigma\left(x\right)</c>, <c>\alpha</c>, <c>x_{1}</c>,
/// <c>\frac{\partial}{\partial x} g\left(x\right)</c>.
/// </summary>
/// <remarks>
/// Terms and factors come in the same order as in <see cref="InfixPrinter"/> (see <see cref="PrintOrder"/>).
/// Multiplication is a space, or <c>\cdot</c> before a factor that starts with a digit (<c>2 \cdot 3^{x}</c>).
/// A negated product is written <c>-2 x</c> and a negative quotient <c>-\frac{x}{3}</c>.
/// Like the infix printer it uses its own work stack, not recursion.
/// </remarks>
/// <example><code>LatexPrinter.Print(Expr.Parse("exp(-x^2)/2")) == @"\frac{e^{-x^{2}}}{2}"</code></example>
public static class LatexPrinter
{
    /// <summary>The LaTeX text of <paramref name="e"/> (math mode, without delimiters).</summary>
    public static string Print(Expr e) => Print(e, decimals: false);

    /// <summary>The LaTeX text of <paramref name="e"/>; with <paramref name="decimals"/>, the exact non-integers are decimals
    /// (<c>3.2 y^{3}</c>) when all of them end within 17 digits, else all fractions (the rule of <see cref="InfixPrinter.Print(Expr, bool)"/>).</summary>
    public static string Print(Expr e, bool decimals)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        new Writer(sb, decimals && PrintOrder.DecimalStyleFits(e), SymbolNames(e.FreeSymbols)).Run(e);
        return sb.ToString();
    }

    private sealed class Writer(StringBuilder sb, bool decimals, IReadOnlyDictionary<Symbol, string> names) : StackWriter(sb, decimals)
    {
        private string NameOf(Symbol s) => names.TryGetValue(s, out var name) ? name : SymbolName(s.Name);

        protected override string OpenParenText => @"\left(";

        protected override string CloseParenText => @"\right)";

        protected override Precedence PrecedenceOf(Expr e) => LatexPrinter.PrecedenceOf(e, Decimals);

        protected override Precedence PowerPrecedence(Expr b, Expr exponent) => LatexPrinter.PowerPrecedence(b, exponent, Decimals);

        protected override void Emit(Expr e)
        {
            switch (e)
            {
                case Number n:
                    EmitNumber(n);
                    break;
                case Symbol s:
                    Sb.Append(NameOf(s));
                    break;
                case Constant c:
                    Sb.Append(c.Latex);
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
                    // the entry's form: \sin\left(x\right), e^{x}, \left|x\right|, \log_{b}\left(x\right)
                    foreach (var piece in c.Function.Latex(c.Arguments).Pieces)
                        Parts.Add(piece is int i ? Item.Of(c.Arguments[i], Precedence.Add) : Item.Of((string)piece));
                    Flush();
                    break;
                case Derivative d:
                    EmitDerivative(d);
                    break;
                default:
                    throw new UnreachableException(e.GetType().Name);
            }
        }

        protected override void EmitNumber(Number n)
        {
            if (PrintOrder.IsNegative(n)) Sb.Append('-');
            var abs = PrintOrder.Abs(n);
            if (abs.IsExact)
            {
                var r = abs.Exact;
                if (!PrintOrder.PrintsAsFraction(abs, Decimals)) AppendScientific(r.ToString(Decimals), 'e');
                else Sb.Append(@"\frac{").Append(DecimalText.Of(r.Numerator))
                    .Append("}{").Append(DecimalText.Of(r.Denominator)).Append('}');
                return;
            }
            double v = abs.Value;
            if (double.IsNaN(v)) { Sb.Append(@"\mathrm{NaN}"); return; }
            if (double.IsInfinity(v)) { Sb.Append(@"\infty"); return; }
            AppendScientific(v.ToString("R", CultureInfo.InvariantCulture), 'E');
        }

        // 1E-20 and 1e-400 -> 1 \cdot 10^{-20}, 1 \cdot 10^{-400}
        private void AppendScientific(string text, char marker)
        {
            int ePos = text.IndexOf(marker);
            if (ePos < 0) { Sb.Append(text); return; }
            int exponent = int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            Sb.Append(text, 0, ePos).Append(@" \cdot 10^{").Append(exponent.ToString(CultureInfo.InvariantCulture)).Append('}');
        }



        // -2 x y, or -\frac{2 x}{3 y}; log(x)/log(2) is \log_{2}\left(x\right).
        protected override void EmitProduct(PrintOrder.Quotient q)
        {
            q = WithLogarithmToBase(q);
            if (q.HasDenominator)
            {
                Sb.Append(q.Negative ? @"-\frac{" : @"\frac{");
                AddFactors(q.NumeratorCoefficient, Plain(q.Numerator), braced: true);
                Parts.Add(Item.Of("}{"));
                AddFactors(q.DenominatorCoefficient, q.Denominator, braced: true);
                Parts.Add(Item.Of("}"));
            }
            else
            {
                if (q.Negative) Sb.Append('-');
                AddFactors(q.NumeratorCoefficient, Plain(q.Numerator), braced: false);
            }
            Flush();
        }

        // Factors separated by a space, or by \cdot before one that starts with a digit; 1 if none.
        // Inside \frac{}{} braces a lone factor needs no parentheses (\frac{1}{x + 1}).
        private void AddFactors(Number? coefficient, IReadOnlyList<(Expr Base, Expr Exponent)> factors, bool braced)
        {
            int count = (coefficient is null ? 0 : 1) + factors.Count;
            var required = braced && count == 1 ? Precedence.Add : Precedence.Unary;
            bool first = true;
            if (coefficient is not null)
            {
                Parts.Add(Item.Of(coefficient, required));
                first = false;
            }
            foreach (var (b, exponent) in factors)
            {
                if (!first) Parts.Add(Item.Of(LeadsWithDigit(b, exponent, Decimals) ? @" \cdot " : " "));
                Parts.Add(exponent is Number { IsOne: true }
                    ? Item.Of(b, required)
                    : new Item(Kind.Power, null, b, exponent, required));
                first = false;
            }
            if (first) Parts.Add(Item.Of("1"));
        }

        private static List<(Expr, Expr)> Plain(List<Expr> factors) => factors.ConvertAll(f => (f, (Expr)Expr.One));

        // b^{e}; b^(1/2) is \sqrt{b} and b^(-e) is \frac{1}{b^{e}}.
        protected override void EmitPower(Expr b, Expr exponent)
        {
            if (PrintOrder.IsReciprocalExponent(exponent))
            {
                Sb.Append(@"\frac{1}{");
                AddFactors(null, [(b, PrintOrder.Negate(exponent))], braced: true);
                Parts.Add(Item.Of("}"));
            }
            else if (PrintOrder.IsHalf(exponent))
            {
                Sb.Append(@"\sqrt{");
                Parts.Add(Item.Of(b, Precedence.Add));
                Parts.Add(Item.Of("}"));
            }
            else
            {
                Parts.Add(Item.Of(b, Precedence.Atom));
                Parts.Add(Item.Of("^{"));
                // as in the infix form, a root's index stays exact in the decimal style (x^{\frac{2}{3}})
                if (Decimals && PrintOrder.IsFractionExponent(exponent, out var q))
                    Parts.Add(Item.Of(@"\frac{" + q.Numerator.ToString(CultureInfo.InvariantCulture) + "}{" + q.Denominator.ToString(CultureInfo.InvariantCulture) + "}"));
                else Parts.Add(Item.Of(exponent, Precedence.Add));
                Parts.Add(Item.Of("}"));
            }
            Flush();
        }

        // \frac{\partial^{3}}{\partial x^{2} \partial y} g\left(x, y\right); of a function of one variable
        // \frac{d^{2}}{dx^{2}} g\left(x\right)
        private void EmitDerivative(Derivative d)
        {
            var vars = d.Variables;
            if (d.Expression.FreeSymbols.Count == 1 && vars.All(v => ReferenceEquals(v, vars[0])))
            {
                string order = vars.Length > 1 ? "^{" + vars.Length.ToString(CultureInfo.InvariantCulture) + "}" : "";
                Sb.Append(@"\frac{d").Append(order).Append("}{d").Append(NameOf(vars[0])).Append(order).Append("} ");
                Parts.Add(Item.Of(d.Expression, Precedence.Atom));
                Flush();
                return;
            }
            Sb.Append(@"\frac{\partial");
            if (vars.Length > 1) Sb.Append("^{").Append(vars.Length.ToString(CultureInfo.InvariantCulture)).Append('}');
            Sb.Append("}{");
            for (int i = 0; i < vars.Length;)
            {
                int j = i;
                while (j < vars.Length && ReferenceEquals(vars[j], vars[i])) j++;
                if (i > 0) Sb.Append(' ');
                Sb.Append(@"\partial ").Append(NameOf(vars[i]));
                if (j - i > 1) Sb.Append("^{").Append((j - i).ToString(CultureInfo.InvariantCulture)).Append('}');
                i = j;
            }
            Sb.Append("} ");
            Parts.Add(Item.Of(d.Expression, Precedence.Atom));
            Flush();
        }
    }

    /// <summary>
    /// The quotient with log(u) above and log(b) below, b a positive number, written as the logarithm to base b:
    /// log(x, 2) is built as log(x)/log(2) and prints as <c>\log_{2}\left(x\right)</c>. The two-argument
    /// call made here is for printing only (the entry's LaTeX form of log(x, b)); it is never interned.
    /// </summary>
    private static PrintOrder.Quotient WithLogarithmToBase(PrintOrder.Quotient q)
    {
        var log = Functions.Functions.Log;
        int below = q.Denominator.FindIndex(f => f.Exponent is Number { IsOne: true }
            && f.Base is Call { Arguments: [Number { IsExact: true } b] } c && c.Function == log && b.Exact.Sign > 0);
        int above = q.Numerator.FindIndex(f => f is Call { Arguments.Length: 1 } c && c.Function == log);
        if (below < 0 || above < 0) return q;
        var logToBase = new Call(log, [((Call)q.Numerator[above]).Argument, ((Call)q.Denominator[below].Base).Argument]);
        var numerator = new List<Expr>(q.Numerator);
        numerator.RemoveAt(above);
        numerator.Add(logToBase);
        var denominator = new List<(Expr Base, Expr Exponent)>(q.Denominator);
        denominator.RemoveAt(below);
        return q with { Numerator = numerator, Denominator = denominator };
    }

    /// <summary>
    /// The LaTeX name of each symbol of an expression: <see cref="SymbolName"/>, except that two symbols must
    /// not print alike. <c>x_1</c> and <c>x1</c> both read as x with subscript 1, so when both occur the one
    /// written without the underscore prints as <c>\mathrm{x1}</c>.
    /// </summary>
    private static Dictionary<Symbol, string> SymbolNames(SymbolSet symbols)
    {
        var names = new Dictionary<Symbol, string>();
        var byText = new Dictionary<string, List<Symbol>>(StringComparer.Ordinal);
        foreach (var s in symbols)
        {
            var text = SymbolName(s.Name);
            names[s] = text;
            if (!byText.TryGetValue(text, out var list)) byText[text] = list = new();
            list.Add(s);
        }
        foreach (var group in byText.Values)
        {
            if (group.Count < 2) continue;
            foreach (var s in group)
            {
                int digits = s.Name.Length;
                while (digits > 0 && char.IsAsciiDigit(s.Name[digits - 1])) digits--;
                if (s.Name.Contains('_') || digits == 0 || digits == s.Name.Length) continue;
                names[s] = @"\mathrm{" + Word(s.Name[..digits]) + s.Name[digits..] + "}";
            }
        }
        return names;
    }

    private static Precedence PrecedenceOf(Expr e, bool decimals) => e switch
    {
        Number n => PrintOrder.IsNegative(n) ? Precedence.Unary
            : PrintOrder.PrintsAsFraction(n, decimals) ? Precedence.Mul : Precedence.Atom,
        Add => Precedence.Add,
        Mul m => PrintOrder.IsNegativeTerm(m) ? Precedence.Unary : Precedence.Mul,
        Pow p when PrintOrder.ScaledPower(p, decimals) is not null => Precedence.Mul,
        Pow p => PowerPrecedence(p.Base, p.Exponent, decimals),
        // a superscript form such as e^{x} binds like a power
        Call c when c.Function.Latex(c.Arguments).IsSuperscript => Precedence.Pow,
        // \frac{\partial}{\partial x} g(x) is a prefix operator: fine as a factor, not as a base.
        Derivative => Precedence.Unary,
        _ => Precedence.Atom,
    };

    private static Precedence PowerPrecedence(Expr b, Expr exponent, bool decimals)
    {
        if (exponent is Number { IsOne: true }) return PrecedenceOf(b, decimals);
        if (PrintOrder.IsReciprocalExponent(exponent)) return Precedence.Mul;
        return PrintOrder.IsHalf(exponent) ? Precedence.Atom : Precedence.Pow;
    }

    /// <summary>True when the factor's LaTeX starts with a digit, so juxtaposition would glue two numbers.</summary>
    private static bool LeadsWithDigit(Expr b, Expr exponent, bool decimals)
    {
        if (exponent is Number { IsOne: true } && b is Pow p) (b, exponent) = (p.Base, p.Exponent);
        if (exponent is not Number { IsOne: true } && (PrintOrder.IsReciprocalExponent(exponent) || PrintOrder.IsHalf(exponent)))
            return false;
        // A plain number, or the base of a power: 3, 0.5, 3^{x}; not \frac{2}{3}, -1 or \infty.
        return b is Number n && PrecedenceOf(n, decimals) == Precedence.Atom && (n.IsExact || double.IsFinite(n.Value));
    }

    private static readonly FrozenDictionary<string, string> Greek = BuildGreek();

    private static FrozenDictionary<string, string> BuildGreek()
    {
        string[] lower = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
            "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"];
        string[] upper = ["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"];
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in lower) map[name] = name == "omicron" ? "o" : @"\" + name;
        foreach (var name in upper) map[name] = @"\" + name;
        // The Unicode letters too: α..ω in alphabetical order (skipping final sigma U+03C2), and the capitals.
        const string lowerLetters = "αβγδεζηθικλμνξοπρστυφχψω";
        for (int i = 0; i < lower.Length; i++) map[lowerLetters[i].ToString()] = map[lower[i]];
        map["ς"] = @"\varsigma";
        const string upperLetters = "ΓΔΘΛΞΠΣΥΦΨΩ";
        for (int i = 0; i < upper.Length; i++) map[upperLetters[i].ToString()] = map[upper[i]];
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary><c>alpha</c> as <c>\alpha</c>, <c>x1</c> as <c>x_{1}</c>, <c>x_max</c> as <c>x_{max}</c>.</summary>
    internal static string SymbolName(string name)
    {
        int underscore = name.IndexOf('_');
        if (underscore > 0 && underscore < name.Length - 1)
            return Word(name[..underscore]) + "_{" + Word(name[(underscore + 1)..]).Replace("_", @"\_") + "}";
        int digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1])) digits--;
        if (digits > 0 && digits < name.Length) return Word(name[..digits]).Replace("_", @"\_") + "_{" + name[digits..] + "}";
        return Word(name).Replace("_", @"\_");
    }

    private static string Word(string word) => Greek.TryGetValue(word, out var command) ? command : word;
}
