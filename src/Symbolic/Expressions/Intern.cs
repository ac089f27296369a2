using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Symbolic;

/// <summary>
/// The hash-consing table. A freshly built candidate node is looked up by its hash and compared
/// shallowly (same kind and payload, children identical by reference: they are canonical already),
/// so equal expressions become one object.
/// <para>
/// The table holds its nodes weakly, as Roslyn's node cache is bounded: a program that parses,
/// differentiates and drops expressions keeps a fixed heap, and the floats of numeric results do
/// not pile up. A node is alive while anything else holds it, and while it is alive every equal
/// candidate finds it, which is all hash-consing needs. Dead entries are pruned when a part of the
/// table fills up, before it is allowed to grow. The table is split into stripes by hash, each with
/// its own lock, so threads interning at once rarely wait for each other and always get the same
/// object for equal nodes. Symbols are kept strongly (there are only as many as names typed).
/// </para>
/// </summary>
internal static class Intern
{
    private const int StripeBits = 4;
    private static readonly WeakTable[] Stripes = Enumerable.Range(0, 1 << StripeBits).Select(_ => new WeakTable()).ToArray();
    private static readonly ConcurrentDictionary<string, Symbol> Symbols = new(StringComparer.Ordinal);

    public static T Node<T>(T candidate) where T : Expr =>
        (T)Stripes[(uint)candidate.Hash >> (32 - StripeBits)].GetOrAdd(candidate);

    public static Number Number(Number candidate) => Node(candidate);

    public static Symbol Symbol(string name) => Symbols.GetOrAdd(name, static n => new Symbol(n));

    /// <summary>Nodes in the table that are still alive (a scan; for tests and diagnostics).</summary>
    internal static int LiveCount() => Stripes.Sum(s => s.LiveCount());

    /// <summary>Drops the entries of collected nodes now rather than at the next resize (for tests).</summary>
    internal static void Prune()
    {
        foreach (var s in Stripes) s.Prune();
    }

    /// <summary>A chained hash table of weak handles, keyed by the node's hash, guarded by one lock.</summary>
    private sealed class WeakTable
    {
        private const int InitialCapacity = 256; // a power of two

        private struct Entry
        {
            public int Hash;
            public int Next; // index of the next entry in the bucket, -1 at the end
            public GCHandle Handle;
        }

        private readonly Lock _lock = new();
        private int[] _buckets = NewBuckets(InitialCapacity); // first entry of each bucket, -1 if empty
        private Entry[] _entries = new Entry[InitialCapacity];
        private int _count;

        public Expr GetOrAdd(Expr candidate)
        {
            int hash = candidate.Hash;
            lock (_lock)
            {
                for (int i = _buckets[hash & (_buckets.Length - 1)]; i >= 0; i = _entries[i].Next)
                {
                    if (_entries[i].Hash == hash && _entries[i].Handle.Target is Expr existing && SameNode(existing, candidate))
                        return existing;
                }
                if (_count == _entries.Length) Resize();
                ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
                _entries[_count] = new Entry { Hash = hash, Next = bucket, Handle = GCHandle.Alloc(candidate, GCHandleType.Weak) };
                bucket = _count++;
                return candidate;
            }
        }

        public int LiveCount()
        {
            lock (_lock)
            {
                int live = 0;
                for (int i = 0; i < _count; i++) if (_entries[i].Handle.Target is not null) live++;
                return live;
            }
        }

        public void Prune()
        {
            lock (_lock) Rehash(_entries.Length);
        }

        // Full: drop the dead entries first; grow only if at least half of the entries are alive, and
        // shrink when few are, so the table follows the number of live nodes both ways.
        private void Resize()
        {
            int live = 0;
            for (int i = 0; i < _count; i++) if (_entries[i].Handle.Target is not null) live++;
            int capacity = _entries.Length;
            if (live >= capacity / 2) capacity *= 2;
            else while (capacity > InitialCapacity && live < capacity / 8) capacity /= 2;
            Rehash(capacity);
        }

        private void Rehash(int capacity)
        {
            var entries = new Entry[capacity];
            var buckets = NewBuckets(capacity);
            int count = 0;
            for (int i = 0; i < _count; i++)
            {
                var entry = _entries[i];
                if (entry.Handle.Target is null)
                {
                    entry.Handle.Free();
                    continue;
                }
                ref int bucket = ref buckets[entry.Hash & (capacity - 1)];
                entry.Next = bucket;
                entries[count] = entry;
                bucket = count++;
            }
            _entries = entries;
            _buckets = buckets;
            _count = count;
        }

        private static int[] NewBuckets(int capacity)
        {
            var buckets = new int[capacity];
            Array.Fill(buckets, -1);
            return buckets;
        }
    }

    /// <summary>Shallow structural equality: same kind, same payload, children identical by reference.</summary>
    private static bool SameNode(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.GetType() != b.GetType()) return false;
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
