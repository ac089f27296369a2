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
/// candidate finds it, which is all hash-consing needs. The slot of a dead node is taken by the next
/// node inserted along its probe, and a part of the table that fills up drops its dead slots before it
/// is allowed to grow. The table is split into stripes by hash, each with
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

    /// <summary>
    /// The exact number <paramref name="value"/>, looked up by its value: no candidate node is built when the
    /// table has it already (numbers are most of the nodes a parse or a derivative asks for, and most are found).
    /// </summary>
    public static Number Exact(Rational value)
    {
        int hash = global::Symbolic.Number.HashOf(value);
        return Stripes[(uint)hash >> (32 - StripeBits)].GetOrAddExact(value, hash);
    }

    public static Symbol Symbol(string name) => Symbols.GetOrAdd(name, static n => new Symbol(n));

    /// <summary>Nodes in the table that are still alive (a scan; for tests and diagnostics).</summary>
    internal static int LiveCount() => Stripes.Sum(s => s.LiveCount());

    /// <summary>Drops the entries of collected nodes now rather than at the next resize (for tests).</summary>
    internal static void Prune()
    {
        foreach (var s in Stripes) s.Prune();
    }

    /// <summary>An open-addressing hash table of weak handles (linear probing), keyed by the node's hash, guarded by one lock.</summary>
    private sealed class WeakTable
    {
        private const int InitialCapacity = 512; // a power of two

        // One array of slots, probed from hash & mask on: a lookup reads the slot it lands on and the
        // next ones, most often in one cache line, where chained buckets read a bucket array and then an
        // entry array (a lookup that finds its node is most of the work of building an expression). A
        // slot with no handle is empty and ends a probe. A slot whose node was collected stays where it
        // is, so that later probes go on past it, until an insertion reuses it or the table is rebuilt.
        private struct Slot
        {
            public int Hash;
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
        private Slot[] _slots = new Slot[InitialCapacity];
        private int _used; // slots holding a handle, of a live node or a collected one

        public Expr GetOrAdd(Expr candidate)
        {
            int hash = candidate.Hash;
            lock (_lock)
            {
                var slots = _slots;
                int mask = slots.Length - 1;
                int i = hash & mask;
                for (; slots[i].Handle.IsAllocated; i = (i + 1) & mask)
                {
                    if (slots[i].Hash == hash && slots[i].Handle.Target is Expr existing && SameNode(existing, candidate))
                        return existing;
                }
                Insert(candidate, hash, i);
                _recent[_recentNext++ & (RecentCount - 1)] = candidate;
                return candidate;
            }
        }

        public Number GetOrAddExact(Rational value, int hash)
        {
            lock (_lock)
            {
                var slots = _slots;
                int mask = slots.Length - 1;
                int i = hash & mask;
                for (; slots[i].Handle.IsAllocated; i = (i + 1) & mask)
                {
                    if (slots[i].Hash == hash && slots[i].Handle.Target is Number { IsExact: true } existing && existing.Exact.Equals(value))
                        return existing;
                }
                var node = global::Symbolic.Number.NewExact(value);
                Insert(node, hash, i);
                _recent[_recentNext++ & (RecentCount - 1)] = node;
                return node;
            }
        }

        // A new node, whose probe ended at the empty slot `end`: it takes the first slot of the probe whose
        // node was collected (its handle is pointed at the new node), else the empty slot; past half full,
        // the table is rebuilt first.
        private void Insert(Expr candidate, int hash, int end)
        {
            int mask = _slots.Length - 1;
            for (int i = hash & mask; i != end; i = (i + 1) & mask)
            {
                if (_slots[i].Handle.Target is null)
                {
                    _slots[i].Hash = hash;
                    _slots[i].Handle.Target = candidate;
                    return;
                }
            }
            if (2 * (_used + 1) > _slots.Length)
            {
                Rebuild();
                mask = _slots.Length - 1;
                for (end = hash & mask; _slots[end].Handle.IsAllocated; end = (end + 1) & mask)
                {
                }
            }
            _slots[end] = new Slot { Hash = hash, Handle = GCHandle.Alloc(candidate, GCHandleType.Weak) };
            _used++;
        }

        public int LiveCount()
        {
            lock (_lock)
            {
                int live = 0;
                foreach (var slot in _slots)
                    if (slot.Handle.IsAllocated && slot.Handle.Target is not null) live++;
                return live;
            }
        }

        public void Prune()
        {
            lock (_lock) Rebuild();
        }

        // Frees the handles of collected nodes and lays the live ones out again, in a table a quarter
        // full at most: it grows with the number of live nodes, not with the number ever interned, and
        // shrinks when they die. When the size stays, the same array is reused (the live slots wait in a
        // pooled array meanwhile): these arrays can be large, and a fresh one at every rebuild would
        // cost more than the rebuild.
        private void Rebuild()
        {
            var live = System.Buffers.ArrayPool<Slot>.Shared.Rent(Math.Max(_used, 1));
            int count = 0;
            foreach (var slot in _slots)
            {
                if (!slot.Handle.IsAllocated) continue;
                if (slot.Handle.Target is null) slot.Handle.Free();
                else live[count++] = slot;
            }
            int capacity = Math.Max(InitialCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 1) * 4));
            if (capacity == _slots.Length) Array.Clear(_slots);
            else _slots = new Slot[capacity];
            int mask = capacity - 1;
            for (int k = 0; k < count; k++)
            {
                int i = live[k].Hash & mask;
                while (_slots[i].Handle.IsAllocated) i = (i + 1) & mask;
                _slots[i] = live[k];
            }
            _used = count;
            System.Buffers.ArrayPool<Slot>.Shared.Return(live, clearArray: true);
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
