using System.Collections;

namespace Symbolic;

/// <summary>An immutable set of symbols kept in canonical (natural name) order.</summary>
public sealed class SymbolSet : IReadOnlyList<Symbol>
{
    public static readonly SymbolSet Empty = new([]);

    private readonly Symbol[] _items;

    private SymbolSet(Symbol[] sortedDistinct) => _items = sortedDistinct;

    internal static SymbolSet Of(Symbol symbol) => new([symbol]);

    public static SymbolSet Of(IEnumerable<Symbol> symbols)
    {
        var items = symbols.Distinct().ToArray();
        Array.Sort(items, ExprOrder.CompareSymbols);
        return items.Length == 0 ? Empty : new SymbolSet(items);
    }

    /// <summary>The union of the free symbols of <paramref name="exprs"/>, sharing a child's set when it covers all.</summary>
    public static SymbolSet Union(IReadOnlyList<Expr> exprs)
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

    public int Count => _items.Length;

    public Symbol this[int index] => _items[index];

    public bool Contains(Symbol symbol)
    {
        if (_items.Length <= 8)
        {
            foreach (var s in _items) if (ReferenceEquals(s, symbol)) return true;
            return false;
        }
        return Array.BinarySearch(_items, symbol, Comparer<Symbol>.Create(ExprOrder.CompareSymbols)) >= 0;
    }

    public IEnumerator<Symbol> GetEnumerator() => ((IEnumerable<Symbol>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
