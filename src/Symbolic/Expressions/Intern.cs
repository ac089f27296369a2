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
/// not pile up. A node is alive while anything else holds it (or while it is among the last 65,536
/// nodes added, which are kept so that repeated work finds them), and while it is alive every equal
/// candidate finds it, which is all hash-consing needs. Dead entries are pruned in place when a part
/// of the table fills up, before it is allowed to grow. The table is split into stripes by hash, each with
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

        // The nodes most recently added, held strongly: work that is repeated (a REPL line run
        // again, a benchmark loop, a solver rebuilding the same gradient) finds its nodes, with their
        // cached free-symbol sets, still here instead of rebuilding them, as it did when the table
        // held everything. A fixed number per stripe, so the heap stays bounded.
        private const int RecentCount = 4096; // a power of two
        private readonly Expr?[] _recent = new Expr?[RecentCount];
        private int _recentNext;

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
                _recent[_recentNext++ & (RecentCount - 1)] = candidate;
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
            lock (_lock) Compact();
        }

        // Full: drop the dead entries first, in place (these arrays can be large, and a fresh pair at
        // each pruning would cost more than the pruning); grow only if at least half of the entries
        // are alive, so the table follows the number of live nodes, not the number ever interned.
        private void Resize()
        {
            Compact();
            if (_count < _entries.Length / 2) return;
            var entries = new Entry[_entries.Length * 2];
            Array.Copy(_entries, entries, _count);
            _entries = entries;
            _buckets = NewBuckets(entries.Length);
            Relink();
        }

        private void Compact()
        {
            int live = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_entries[i].Handle.Target is null)
                {
                    _entries[i].Handle.Free();
                    continue;
                }
                _entries[live++] = _entries[i];
            }
            Array.Clear(_entries, live, _count - live);
            _count = live;
            Array.Fill(_buckets, -1);
            Relink();
        }

        private void Relink()
        {
            for (int i = 0; i < _count; i++)
            {
                ref int bucket = ref _buckets[_entries[i].Hash & (_buckets.Length - 1)];
                _entries[i].Next = bucket;
                bucket = i;
            }
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
