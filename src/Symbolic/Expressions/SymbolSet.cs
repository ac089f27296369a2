using System.Collections;

namespace Symbolic;

/// <summary>An immutable set of symbols kept in canonical (natural name) order.</summary>
public sealed class SymbolSet : IReadOnlyList<Symbol>
{
    /// <summary>The set with no symbols.</summary>
    public static readonly SymbolSet Empty = new([]);

    private readonly Symbol[] _items;

    private SymbolSet(Symbol[] sortedDistinct) => _items = sortedDistinct;

    internal static SymbolSet Of(Symbol symbol) => new([symbol]);

    /// <summary>The set of <paramref name="symbols"/>, duplicates removed, in natural name order (x2 before x10).</summary>
    /// <exception cref="ArgumentException"><paramref name="symbols"/> is null or holds a null.</exception>
    public static SymbolSet Of(IEnumerable<Symbol> symbols)
    {
        var items = Guard.NoNulls(Guard.NotNull(symbols).Distinct().ToArray(), nameof(symbols));
        Array.Sort(items, ExprOrder.CompareSymbols);
        return items.Length == 0 ? Empty : new SymbolSet(items);
    }

    /// <summary>The union of the free symbols of <paramref name="exprs"/>, sharing a child's set when it covers all.</summary>
    /// <exception cref="ArgumentException"><paramref name="exprs"/> is null or holds a null.</exception>
    public static SymbolSet Union(IReadOnlyList<Expr> exprs) => UnionOf(Guard.NoNulls(exprs));

    // The union without the argument checks: every node's free symbols are built here from its children.
    internal static SymbolSet UnionOf(IReadOnlyList<Expr> exprs)
    {
        SymbolSet? only = null;
        bool several = false;
        foreach (var e in exprs)
        {
            var s = e.FreeSymbols;
            if (s.Count == 0 || ReferenceEquals(s, only)) continue;
            if (only is null) only = s;
            else { several = true; break; }
        }
        if (only is null) return Empty;
        if (!several) return only;
        var all = new HashSet<Symbol>();
        foreach (var e in exprs) all.UnionWith(e.FreeSymbols._items);
        if (all.Count == only.Count) return only;
        var items = all.ToArray();
        Array.Sort(items, ExprOrder.CompareSymbols);
        return new SymbolSet(items);
    }

    /// <summary>The number of symbols.</summary>
    public int Count => _items.Length;

    /// <summary>The symbol at <paramref name="index"/> in natural name order.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public Symbol this[int index] => _items[index];

    /// <summary>True when <paramref name="symbol"/> is in the set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is null.</exception>
    public bool Contains(Symbol symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (_items.Length <= 8)
        {
            foreach (var s in _items) if (ReferenceEquals(s, symbol)) return true;
            return false;
        }
        return Array.BinarySearch(_items, symbol, Comparer<Symbol>.Create(ExprOrder.CompareSymbols)) >= 0;
    }

    /// <summary>Enumerates the symbols in natural name order.</summary>
    public IEnumerator<Symbol> GetEnumerator() => ((IEnumerable<Symbol>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
