using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Symbolic.Printing;

/// <summary>
/// Prints an expression as LaTeX math: <c>\frac{2 x}{3}</c>, <c>x^{\frac{2}{3}}</c>, <c>\sqrt{x}</c>,
/// <c>\sin\left(x\right)^{2}</c>, <c>e^{- x^{2}}</c>, <c>\sigma\left(x\right)</c>, <c>\alpha</c>, <c>x_{1}</c>,
/// <c>\frac{\partial}{\partial x} g\left(x\right)</c>.
/// </summary>
/// <remarks>
/// Terms and factors come in the same order as in <see cref="InfixPrinter"/> (see <see cref="PrintOrder"/>).
/// Multiplication is a space, or <c>\cdot</c> before a factor that starts with a digit (<c>2 \cdot 3^{x}</c>).
/// A negated product is written <c>- 2 x</c> (SymPy's spacing) and a negative quotient <c>-\frac{x}{3}</c>.
/// Like the infix printer it uses its own work stack, not recursion.
/// </remarks>
/// <example><code>LatexPrinter.Print(Expr.Parse("exp(-x^2)/2")) == @"\frac{e^{- x^{2}}}{2}"</code></example>
public static class LatexPrinter
{
    /// <summary>The LaTeX text of <paramref name="e"/> (math mode, without delimiters).</summary>
    public static string Print(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        new Writer(sb).Run(e);
        return sb.ToString();
    }

    private enum Kind : byte
    {
        Text,
        Node,     // an expression, wrapped in \left( \right) if its precedence is below Required
        Negated,  // a negative term of a sum printed without its sign (after " - ")
        Power,    // Base^Exponent given as parts (a denominator factor with its exponent negated)
    }

    private readonly record struct Item(Kind Kind, string? Text, Expr? Node, Expr? Exponent, Precedence Required)
    {
        public static Item Of(string text) => new(Kind.Text, text, null, null, default);
        public static Item Of(Expr e, Precedence required) => new(Kind.Node, null, e, null, required);
    }

    private sealed class Writer(StringBuilder sb)
    {
        private readonly Stack<Item> _stack = new();
        private readonly List<Item> _parts = new();

        public void Run(Expr root)
        {
            _stack.Push(Item.Of(root, Precedence.Add));
            while (_stack.TryPop(out var item))
            {
                switch (item.Kind)
                {
                    case Kind.Text:
                        sb.Append(item.Text);
                        break;
                    case Kind.Node:
                        if (PrecedenceOf(item.Node!) < item.Required) OpenParen();
                        Emit(item.Node!);
                        break;
                    case Kind.Negated:
                        EmitNegated(item.Node!);
                        break;
                    case Kind.Power:
                        if (PowerPrecedence(item.Node!, item.Exponent!) < item.Required) OpenParen();
                        EmitPower(item.Node!, item.Exponent!);
                        break;
                }
            }
        }

        private void OpenParen()
        {
            sb.Append(@"\left(");
            _stack.Push(Item.Of(@"\right)"));
        }

        private void Flush()
        {
            for (int i = _parts.Count - 1; i >= 0; i--) _stack.Push(_parts[i]);
            _parts.Clear();
        }

        private void Emit(Expr e)
        {
            switch (e)
            {
                case Number n:
                    EmitNumber(n);
                    break;
                case Symbol s:
                    sb.Append(SymbolName(s.Name));
                    break;
                case Constant c:
                    sb.Append(c.Latex);
                    break;
                case Add a:
                    EmitSum(a);
                    break;
                case Mul m:
                    EmitProduct(PrintOrder.Split(m));
                    break;
                case Pow p:
                    EmitPower(p.Base, p.Exponent);
                    break;
                case Call { Function.Name: "exp" } c:
                    sb.Append("e^{");
                    _parts.Add(Item.Of(c.Argument, Precedence.Add));
                    _parts.Add(Item.Of("}"));
                    Flush();
                    break;
                case Call { Function.Name: "abs", Function.IsUndefined: false } c:
                    sb.Append(@"\left|");
                    _parts.Add(Item.Of(c.Argument, Precedence.Add));
                    _parts.Add(Item.Of(@"\right|"));
                    Flush();
                    break;
                case Call c:
                    sb.Append(c.Function.LatexName).Append(@"\left(");
                    for (int i = 0; i < c.Arguments.Length; i++)
                    {
                        if (i > 0) _parts.Add(Item.Of(", "));
                        _parts.Add(Item.Of(c.Arguments[i], Precedence.Add));
                    }
                    _parts.Add(Item.Of(@"\right)"));
                    Flush();
                    break;
                case Derivative d:
                    EmitDerivative(d);
                    break;
                default:
                    throw new UnreachableException(e.GetType().Name);
            }
        }

        private void EmitNumber(Number n)
        {
            if (PrintOrder.IsNegative(n)) sb.Append('-');
            var abs = PrintOrder.Abs(n);
            if (abs.IsExact)
            {
                var r = abs.Exact;
                if (r.IsInteger || r.IsDecimal) sb.Append(r.ToString());
                else sb.Append(@"\frac{").Append(r.Numerator.ToString(CultureInfo.InvariantCulture))
                    .Append("}{").Append(r.Denominator.ToString(CultureInfo.InvariantCulture)).Append('}');
                return;
            }
            double v = abs.Value;
            if (double.IsNaN(v)) { sb.Append(@"\mathrm{NaN}"); return; }
            if (double.IsInfinity(v)) { sb.Append(@"\infty"); return; }
            var text = v.ToString("R", CultureInfo.InvariantCulture);
            int ePos = text.IndexOf('E');
            if (ePos < 0) { sb.Append(text); return; }
            // 1E-20 -> 1 \cdot 10^{-20}
            int exponent = int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            sb.Append(text, 0, ePos).Append(@" \cdot 10^{").Append(exponent.ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        private void EmitSum(Add a)
        {
            var terms = PrintOrder.Terms(a);
            _parts.Add(Item.Of(terms[0], Precedence.Add));
            for (int i = 1; i < terms.Length; i++)
            {
                if (PrintOrder.IsNegativeTerm(terms[i]))
                {
                    _parts.Add(Item.Of(" - "));
                    _parts.Add(new Item(Kind.Negated, null, terms[i], null, Precedence.Mul));
                }
                else
                {
                    _parts.Add(Item.Of(" + "));
                    _parts.Add(Item.Of(terms[i], Precedence.Mul));
                }
            }
            Flush();
        }

        private void EmitNegated(Expr term)
        {
            switch (term)
            {
                case Number n:
                    EmitNumber(PrintOrder.Negate(n));
                    break;
                case Mul m:
                    EmitProduct(PrintOrder.Split(m, negate: true));
                    break;
                default:
                    throw new UnreachableException(term.GetType().Name);
            }
        }

        // - 2 x y, or -\frac{2 x}{3 y}.
        private void EmitProduct(PrintOrder.Quotient q)
        {
            if (q.HasDenominator)
            {
                sb.Append(q.Negative ? @"-\frac{" : @"\frac{");
                AddFactors(q.NumeratorCoefficient, Plain(q.Numerator), braced: true);
                _parts.Add(Item.Of("}{"));
                AddFactors(q.DenominatorCoefficient, q.Denominator, braced: true);
                _parts.Add(Item.Of("}"));
            }
            else
            {
                if (q.Negative) sb.Append("- ");
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
                _parts.Add(Item.Of(coefficient, required));
                first = false;
            }
            foreach (var (b, exponent) in factors)
            {
                if (!first) _parts.Add(Item.Of(LeadsWithDigit(b, exponent) ? @" \cdot " : " "));
                _parts.Add(exponent is Number { IsOne: true }
                    ? Item.Of(b, required)
                    : new Item(Kind.Power, null, b, exponent, required));
                first = false;
            }
            if (first) _parts.Add(Item.Of("1"));
        }

        private static List<(Expr, Expr)> Plain(List<Expr> factors) => factors.ConvertAll(f => (f, (Expr)Expr.One));

        // b^{e}; b^(1/2) is \sqrt{b} and b^(-e) is \frac{1}{b^{e}}.
        private void EmitPower(Expr b, Expr exponent)
        {
            if (PrintOrder.IsReciprocalExponent(exponent))
            {
                sb.Append(@"\frac{1}{");
                AddFactors(null, [(b, PrintOrder.Negate(exponent))], braced: true);
                _parts.Add(Item.Of("}"));
            }
            else if (PrintOrder.IsHalf(exponent))
            {
                sb.Append(@"\sqrt{");
                _parts.Add(Item.Of(b, Precedence.Add));
                _parts.Add(Item.Of("}"));
            }
            else
            {
                _parts.Add(Item.Of(b, Precedence.Atom));
                _parts.Add(Item.Of("^{"));
                _parts.Add(Item.Of(exponent, Precedence.Add));
                _parts.Add(Item.Of("}"));
            }
            Flush();
        }

        // \frac{\partial^{3}}{\partial x^{2} \partial y} g\left(x, y\right)
        private void EmitDerivative(Derivative d)
        {
            var vars = d.Variables;
            sb.Append(@"\frac{\partial");
            if (vars.Length > 1) sb.Append("^{").Append(vars.Length.ToString(CultureInfo.InvariantCulture)).Append('}');
            sb.Append("}{");
            for (int i = 0; i < vars.Length;)
            {
                int j = i;
                while (j < vars.Length && ReferenceEquals(vars[j], vars[i])) j++;
                if (i > 0) sb.Append(' ');
                sb.Append(@"\partial ").Append(SymbolName(vars[i].Name));
                if (j - i > 1) sb.Append("^{").Append((j - i).ToString(CultureInfo.InvariantCulture)).Append('}');
                i = j;
            }
            sb.Append("} ");
            _parts.Add(Item.Of(d.Expression, Precedence.Atom));
            Flush();
        }
    }

    private static Precedence PrecedenceOf(Expr e) => e switch
    {
        Number n => PrintOrder.IsNegative(n) ? Precedence.Unary
            : n.IsExact && !n.Exact.IsInteger && !n.Exact.IsDecimal ? Precedence.Mul : Precedence.Atom,
        Add => Precedence.Add,
        Mul m => PrintOrder.IsNegativeTerm(m) ? Precedence.Unary : Precedence.Mul,
        Pow p => PowerPrecedence(p.Base, p.Exponent),
        Call { Function.Name: "exp" } => Precedence.Pow,
        // \frac{\partial}{\partial x} g(x) is a prefix operator: fine as a factor, not as a base.
        Derivative => Precedence.Unary,
        _ => Precedence.Atom,
    };

    private static Precedence PowerPrecedence(Expr b, Expr exponent)
    {
        if (exponent is Number { IsOne: true }) return PrecedenceOf(b);
        if (PrintOrder.IsReciprocalExponent(exponent)) return Precedence.Mul;
        return PrintOrder.IsHalf(exponent) ? Precedence.Atom : Precedence.Pow;
    }

    /// <summary>True when the factor's LaTeX starts with a digit, so juxtaposition would glue two numbers.</summary>
    private static bool LeadsWithDigit(Expr b, Expr exponent)
    {
        if (exponent is Number { IsOne: true } && b is Pow p) (b, exponent) = (p.Base, p.Exponent);
        if (exponent is not Number { IsOne: true } && (PrintOrder.IsReciprocalExponent(exponent) || PrintOrder.IsHalf(exponent)))
            return false;
        // A plain number, or the base of a power: 3, 0.5, 3^{x}; not \frac{2}{3}, -1 or \infty.
        return b is Number n && PrecedenceOf(n) == Precedence.Atom && (n.IsExact || double.IsFinite(n.Value));
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
