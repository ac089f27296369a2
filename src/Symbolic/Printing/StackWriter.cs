using System.Text;

namespace Symbolic.Printing;

/// <summary>
/// The walk both printers share. It keeps its own stack of pending parts instead of recursing, so
/// expressions nested 100,000 deep print without overflowing the call stack: each node adds its
/// parts in reading order to <see cref="Parts"/> and <see cref="Flush"/> schedules them. Sums are
/// written here, the same for both notations; the subclass writes everything else.
/// </summary>
internal abstract class StackWriter(StringBuilder sb, bool decimals)
{
    /// <summary>Exact numbers with a terminating expansion print as decimals (see <see cref="PrintOrder.PrintsAsDecimal"/>).</summary>
    protected bool Decimals { get; } = decimals;

    protected enum Kind : byte
    {
        Text,
        Node,     // an expression, parenthesized if its precedence is below Required
        Negated,  // a negative term of a sum printed without its sign (after " - ")
        Power,    // Base^Exponent given as parts (a denominator factor with its exponent negated)
    }

    protected readonly record struct Item(Kind Kind, string? Text, Expr? Node, Expr? Exponent, Precedence Required)
    {
        public static Item Of(string text) => new(Kind.Text, text, null, null, default);
        public static Item Of(Expr e, Precedence required) => new(Kind.Node, null, e, null, required);
    }

    protected StringBuilder Sb { get; } = sb;

    /// <summary>Parts not yet written, the next on top.</summary>
    protected Stack<Item> Pending { get; } = new();

    /// <summary>The parts of the node being emitted, in reading order, until <see cref="Flush"/>.</summary>
    protected List<Item> Parts { get; } = new();

    public void Run(Expr root)
    {
        Pending.Push(Item.Of(root, Precedence.Add));
        while (Pending.TryPop(out var item))
        {
            ComputeContext.Poll(); // printing 300,000 terms takes seconds: it keeps the statement's time limit
            switch (item.Kind)
            {
                case Kind.Text:
                    Sb.Append(item.Text);
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

    protected abstract string OpenParenText { get; }

    protected abstract string CloseParenText { get; }

    protected abstract Precedence PrecedenceOf(Expr e);

    protected abstract Precedence PowerPrecedence(Expr b, Expr exponent);

    protected abstract void Emit(Expr e);

    protected abstract void EmitNumber(Number n);

    protected abstract void EmitProduct(PrintOrder.Quotient q);

    protected abstract void EmitPower(Expr b, Expr exponent);

    private void OpenParen()
    {
        Sb.Append(OpenParenText);
        Pending.Push(Item.Of(CloseParenText));
    }

    /// <summary>Schedules the collected parts: pushed in reverse, so they are written in order.</summary>
    protected void Flush()
    {
        for (int i = Parts.Count - 1; i >= 0; i--) Pending.Push(Parts[i]);
        Parts.Clear();
    }

    // a + b - c: the first term as it is, then each term with its sign as the operator.
    protected void EmitSum(Add a)
    {
        var terms = PrintOrder.Terms(a);
        Parts.Add(Item.Of(terms[0], Precedence.Add));
        for (int i = 1; i < terms.Length; i++)
        {
            if (PrintOrder.IsNegativeTerm(terms[i]))
            {
                Parts.Add(Item.Of(" - "));
                Parts.Add(new Item(Kind.Negated, null, terms[i], null, Precedence.Mul));
            }
            else
            {
                Parts.Add(Item.Of(" + "));
                Parts.Add(Item.Of(terms[i], Precedence.Mul));
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
                EmitNumber(PrintOrder.Negate(n));
                break;
            case Mul m:
                EmitProduct(PrintOrder.Split(m, negate: true, Decimals));
                break;
            default:
                throw new System.Diagnostics.UnreachableException(term.GetType().Name);
        }
    }
}
