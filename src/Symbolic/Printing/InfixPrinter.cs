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
/// fractional coefficient, go below one <c>/</c>; a decimal coefficient stays a decimal in front.
/// A power with a negative exponent alone is a reciprocal (<c>1/x</c>, <c>1/x^y</c>).
/// The printer keeps its own work stack instead of recursing, so nesting depth is limited only by memory.
/// </remarks>
/// <example><code>InfixPrinter.Print(Expr.Parse("x^3/6 + 1 + x")) == "x^3/6 + x + 1"</code></example>
public static class InfixPrinter
{
    /// <summary>The infix text of <paramref name="e"/>.</summary>
    public static string Print(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        new Writer(sb).Run(e);
        return sb.ToString();
    }

    /// <summary>The text of a number alone: <c>3</c>, <c>-1/30</c>, <c>3.2</c>, <c>1E-20</c>, <c>-Infinity</c>, <c>NaN</c>.</summary>
    public static string FormatNumber(Number n) =>
        n.IsExact ? n.Exact.ToString() : n.Value.ToString("R", CultureInfo.InvariantCulture);

    private enum Kind : byte
    {
        Text,
        Node,     // an expression, parenthesized if its precedence is below Required
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
                        if (PrecedenceOf(item.Node!) < item.Required)
                        {
                            sb.Append('(');
                            _stack.Push(Item.Of(")"));
                        }
                        Emit(item.Node!);
                        break;
                    case Kind.Negated:
                        EmitNegated(item.Node!);
                        break;
                    case Kind.Power:
                        bool parens = PowerPrecedence(item.Node!, item.Exponent!) < item.Required;
                        if (parens)
                        {
                            sb.Append('(');
                            _stack.Push(Item.Of(")"));
                        }
                        EmitPower(item.Node!, item.Exponent!);
                        break;
                }
            }
        }

        // The parts of one node are collected in reading order, then pushed in reverse.
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
                    sb.Append(FormatNumber(n));
                    break;
                case Symbol s:
                    sb.Append(s.Name);
                    break;
                case Constant c:
                    sb.Append(c.Name);
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
                case Call c:
                    sb.Append(c.Function.Name).Append('(');
                    for (int i = 0; i < c.Arguments.Length; i++)
                    {
                        if (i > 0) _parts.Add(Item.Of(", "));
                        _parts.Add(Item.Of(c.Arguments[i], Precedence.Add));
                    }
                    _parts.Add(Item.Of(")"));
                    Flush();
                    break;
                case Derivative d:
                    EmitDerivative(d);
                    break;
                default:
                    throw new UnreachableException(e.GetType().Name);
            }
        }

        // a + b - c: the first term as it is, then each term with its sign as the operator.
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

        // A negative term without its sign: a number or a product with a negative coefficient. Both
        // print at Mul precedence or tighter, which is what the right side of " - " needs.
        private void EmitNegated(Expr term)
        {
            switch (term)
            {
                case Number n:
                    sb.Append(FormatNumber(PrintOrder.Negate(n)));
                    break;
                case Mul m:
                    EmitProduct(PrintOrder.Split(m, negate: true));
                    break;
                default:
                    throw new UnreachableException(term.GetType().Name);
            }
        }

        // -2*x*y/(3*z): sign, numerator factors joined by '*', one '/' and the denominator.
        // Two spellings are avoided because the parser would read them as another canonical form
        // (a number times a lone sum is distributed): -(x + 1)*y/z, where the minus would apply
        // to the sum alone, becomes -1*(x + 1)*y/z; x/(2*(x + 1)) becomes x/(x + 1)/2.
        private void EmitProduct(PrintOrder.Quotient q)
        {
            if (q.Negative) sb.Append('-');
            bool first = true;
            if (q.NumeratorCoefficient is { } top)
            {
                sb.Append(FormatNumber(top));
                first = false;
            }
            else if (q.Negative && q.Numerator.Count > 0 && q.Numerator[0] is Add)
            {
                sb.Append('1');
                first = false;
            }
            foreach (var f in q.Numerator)
            {
                if (!first) _parts.Add(Item.Of("*"));
                _parts.Add(Item.Of(f, Precedence.Pow));
                first = false;
            }
            if (first) _parts.Add(Item.Of("1"));
            if (q.HasDenominator)
            {
                if (q is { DenominatorCoefficient: { } d, Denominator: [(Add sum, Number { IsOne: true })] })
                {
                    _parts.Add(Item.Of("/"));
                    _parts.Add(Item.Of(sum, Precedence.Pow));
                    _parts.Add(Item.Of("/" + FormatNumber(d)));
                    Flush();
                    return;
                }
                bool group = q.DenominatorCount > 1;
                _parts.Add(Item.Of(group ? "/(" : "/"));
                first = true;
                if (q.DenominatorCoefficient is { } bottom)
                {
                    _parts.Add(Item.Of(FormatNumber(bottom)));
                    first = false;
                }
                foreach (var (b, exponent) in q.Denominator)
                {
                    if (!first) _parts.Add(Item.Of("*"));
                    _parts.Add(PowerItem(b, exponent, Precedence.Pow));
                    first = false;
                }
                if (group) _parts.Add(Item.Of(")"));
            }
            Flush();
        }

        private static Item PowerItem(Expr b, Expr exponent, Precedence required) =>
            exponent is Number { IsOne: true }
                ? Item.Of(b, required)
                : new Item(Kind.Power, null, b, exponent, required);

        // b^e as parts; b^(1/2) is sqrt(b) and b^(-e) is 1/b^e.
        private void EmitPower(Expr b, Expr exponent)
        {
            if (PrintOrder.IsReciprocalExponent(exponent))
            {
                _parts.Add(Item.Of("1/"));
                _parts.Add(PowerItem(b, PrintOrder.Negate(exponent), Precedence.Pow));
            }
            else if (PrintOrder.IsHalf(exponent))
            {
                _parts.Add(Item.Of("sqrt("));
                _parts.Add(Item.Of(b, Precedence.Add));
                _parts.Add(Item.Of(")"));
            }
            else
            {
                // ^ is right-associative: the base must be an atom, the exponent may be another power.
                _parts.Add(Item.Of(b, Precedence.Atom));
                _parts.Add(Item.Of("^"));
                _parts.Add(Item.Of(exponent, Precedence.Pow));
            }
            Flush();
        }

        // diff(g(x, y), x, 2, y): variables in order, a repeated one followed by its count.
        private void EmitDerivative(Derivative d)
        {
            sb.Append("diff(");
            _parts.Add(Item.Of(d.Expression, Precedence.Add));
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
            _parts.Add(Item.Of(text.ToString()));
            Flush();
        }
    }

    /// <summary>How tightly the printed text of <paramref name="e"/> binds.</summary>
    private static Precedence PrecedenceOf(Expr e) => e switch
    {
        Number n => NumberPrecedence(n),
        Add => Precedence.Add,
        Mul m => PrintOrder.IsNegativeTerm(m) ? Precedence.Unary : Precedence.Mul,
        Pow p => PowerPrecedence(p.Base, p.Exponent),
        _ => Precedence.Atom,
    };

    private static Precedence NumberPrecedence(Number n)
    {
        if (PrintOrder.IsNegative(n)) return Precedence.Unary;
        return n.IsExact && !n.Exact.IsInteger && !n.Exact.IsDecimal ? Precedence.Mul : Precedence.Atom;
    }

    private static Precedence PowerPrecedence(Expr b, Expr exponent)
    {
        if (exponent is Number { IsOne: true }) return PrecedenceOf(b);
        if (PrintOrder.IsReciprocalExponent(exponent)) return Precedence.Mul;
        return PrintOrder.IsHalf(exponent) ? Precedence.Atom : Precedence.Pow;
    }
}
