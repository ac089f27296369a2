using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Symbolic;

/// <summary>
/// The hash-consing table. A freshly built candidate node is looked up by its kind and its children
/// compared by reference (they are canonical already), so equal expressions become one object.
/// ConcurrentDictionary makes this safe from several threads: two threads racing to add the same
/// node both get the one that won.
/// </summary>
internal static class Intern
{
    private static readonly ConcurrentDictionary<Expr, Expr> Table = new(new ShallowComparer());
    private static readonly ConcurrentDictionary<string, Symbol> Symbols = new(StringComparer.Ordinal);

    public static T Node<T>(T candidate) where T : Expr => (T)Table.GetOrAdd(candidate, candidate);

    public static Number Number(Number candidate) => Node(candidate);

    public static Symbol Symbol(string name) => Symbols.GetOrAdd(name, static n => new Symbol(n));

    /// <summary>Shallow structural equality: same kind, same payload, children identical by reference.</summary>
    private sealed class ShallowComparer : IEqualityComparer<Expr>
    {
        public int GetHashCode(Expr e) => e.Hash;

        public bool Equals(Expr? a, Expr? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a is null || b is null || a.Hash != b.Hash || a.GetType() != b.GetType()) return false;
            return (a, b) switch
            {
                (Number x, Number y) => x.SameValue(y),
                (Add x, Add y) => SameItems(x.Terms, y.Terms),
                (Mul x, Mul y) => SameItems(x.Factors, y.Factors),
                (Pow x, Pow y) => ReferenceEquals(x.Base, y.Base) && ReferenceEquals(x.Exponent, y.Exponent),
                (Call x, Call y) => ReferenceEquals(x.Function, y.Function) && SameItems(x.Arguments, y.Arguments),
                (Derivative x, Derivative y) => ReferenceEquals(x.Expression, y.Expression)
                                                && SameItems(x.Variables.CastArray<Expr>(), y.Variables.CastArray<Expr>()),
                _ => false, // symbols and constants are unique by construction
            };
        }

        private static bool SameItems(ImmutableArray<Expr> a, ImmutableArray<Expr> b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (!ReferenceEquals(a[i], b[i])) return false;
            return true;
        }
    }
}
