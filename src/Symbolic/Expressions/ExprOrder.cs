using System.Collections.Immutable;
using System.Diagnostics;

namespace Symbolic;

/// <summary>
/// The one total order on expressions. Sums and products keep their operands sorted by it, which is
/// what makes <c>x + y</c> and <c>y + x</c> the same object. It is chosen to read well when printed:
/// numbers, then constants, symbols, derivatives, function calls, products and sums; a power sorts
/// by its base and then its exponent, so <c>x^2*y</c> and <c>x*y^2</c> put <c>x</c> first.
/// It depends only on structure and names, never on hashes or creation order, so it is deterministic.
/// </summary>
internal static class ExprOrder
{
    /// <summary><see cref="Compare"/> as an <see cref="IComparer{T}"/>, for sorting.</summary>
    public static readonly IComparer<Expr> Comparer = Comparer<Expr>.Create(Compare);

    private static readonly Comparison<Expr> Comparison = Compare;

    /// <summary>
    /// Sorts operands in place by <see cref="Compare"/>, allocating nothing: an insertion sort for the few
    /// operands most products and sums have; beyond that, nothing when they are in order already (the
    /// derivative of a long sum, term by term, mostly is: one pass of comparisons instead of a sort), else the
    /// runtime's sort with one cached delegate. Sums of thousands of terms are sorted on every construction,
    /// and a comparison of two of their terms descends several levels into them. (Sorting with
    /// <see cref="Comparer"/>, or with a struct comparer, makes a new delegate on every call.)
    /// </summary>
    public static void Sort(Span<Expr> items)
    {
        if (items.Length <= 12)
        {
            InsertionSort(items);
            return;
        }
        for (int i = 1; i < items.Length; i++)
        {
            if (Compare(items[i - 1], items[i]) > 0)
            {
                items.Sort(Comparison);
                return;
            }
        }
    }

    private static void InsertionSort(Span<Expr> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            var item = items[i];
            int j = i - 1;
            for (; j >= 0 && Compare(items[j], item) > 0; j--) items[j + 1] = items[j];
            items[j + 1] = item;
        }
    }

    /// <summary>Negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/>; zero only for the same expression.</summary>
    public static int Compare(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return 0;
        ExprKind ka = a.Kind, kb = b.Kind;
        if (ka == ExprKind.Number && kb == ExprKind.Number) return CompareNumbers((Number)a, (Number)b);
        if (ka == ExprKind.Pow || kb == ExprKind.Pow)
        {
            var (ab, ae) = a is Pow pa ? (pa.Base, pa.Exponent) : (a, Expr.One);
            var (bb, be) = b is Pow pb ? (pb.Base, pb.Exponent) : (b, Expr.One);
            int c = Compare(ab, bb);
            return c != 0 ? c : Compare(ae, be);
        }
        // the kinds other than Pow are numbered in rank order: numbers, constants, symbols, derivatives, calls, products, sums
        if (ka != kb) return ka < kb ? -1 : 1;
        return ka switch
        {
            ExprKind.Constant => string.CompareOrdinal(((Constant)a).Name, ((Constant)b).Name),
            ExprKind.Symbol => CompareSymbols((Symbol)a, (Symbol)b),
            ExprKind.Call => CompareCalls((Call)a, (Call)b),
            ExprKind.Mul => CompareSequences(((Mul)a).Factors, ((Mul)b).Factors),
            ExprKind.Add => CompareSequences(((Add)a).Terms, ((Add)b).Terms),
            ExprKind.Derivative => CompareDerivatives((Derivative)a, (Derivative)b),
            _ => throw new UnreachableException($"no order between {a.GetType().Name} and {b.GetType().Name}"),
        };
    }

    private static int CompareNumbers(Number a, Number b)
    {
        int c = a.IsExact && b.IsExact ? a.Exact.CompareTo(b.Exact) : a.Value.CompareTo(b.Value);
        if (c != 0) return c;
        if (a.IsExact != b.IsExact) return a.IsExact ? -1 : 1;
        // Floats equal in value but not in bits (0.0 and -0.0, NaNs): any fixed order will do.
        return a.IsExact ? 0 : BitConverter.DoubleToInt64Bits(a.Value).CompareTo(BitConverter.DoubleToInt64Bits(b.Value));
    }

    private static int CompareCalls(Call a, Call b)
    {
        int c = string.CompareOrdinal(a.Function.Name, b.Function.Name);
        if (c != 0) return c;
        c = a.Arguments.Length.CompareTo(b.Arguments.Length);
        return c != 0 ? c : CompareSequences(a.Arguments, b.Arguments);
    }

    private static int CompareDerivatives(Derivative a, Derivative b)
    {
        int c = Compare(a.Expression, b.Expression);
        return c != 0 ? c : CompareSequences(a.Variables.CastArray<Expr>(), b.Variables.CastArray<Expr>());
    }

    // Compared from the last operand back: a product's numeric coefficient comes first, so comparing
    // from the end orders products by their symbolic factors before their coefficients.
    private static int CompareSequences(ImmutableArray<Expr> a, ImmutableArray<Expr> b)
    {
        int i = a.Length - 1, j = b.Length - 1;
        for (; i >= 0 && j >= 0; i--, j--)
        {
            int c = Compare(a[i], b[j]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Natural order of names: letters alphabetically, digit runs by value (x2 before x10).</summary>
    public static int CompareSymbols(Symbol a, Symbol b) => ReferenceEquals(a, b) ? 0 : CompareNames(a.Name, b.Name);

    /// <summary>Compares names in natural order: letters by ordinal, runs of digits by numeric value (<c>x2</c> before <c>x10</c>).</summary>
    public static int CompareNames(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var da = a[si..i].TrimStart('0');
                var db = b[sj..j].TrimStart('0');
                int c = da.Length != db.Length ? da.Length.CompareTo(db.Length) : string.CompareOrdinal(da, db);
                if (c != 0) return c;
                c = (i - si).CompareTo(j - sj);
                if (c != 0) return c;
            }
            else
            {
                int c = a[i].CompareTo(b[j]);
                if (c != 0) return c;
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
