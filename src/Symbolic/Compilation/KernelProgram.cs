using System.Linq.Expressions;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>One compiled method of a kernel: reads x, p and v, writes outputs into y, passes values on in the scratch array.</summary>
internal delegate void Chunk(double[] x, double[] p, double[] v, double[] y, double[] scratch);

/// <summary>
/// A kernel compiled as a sequence of methods of bounded size. The JIT optimizes a method fully only
/// while it has a modest number of locals (past about a thousand it stops tracking them, zero-fills
/// them all in the prolog and keeps them in memory), so straight-line code for a large function is cut
/// into chunks; a value computed in one chunk and needed in a later one travels through the scratch array.
/// The value of a scalar kernel is left in <c>scratch[0]</c>.
/// </summary>
internal sealed class KernelProgram
{
    /// <summary>Locals per chunk: small enough for the JIT to keep most of them in registers.</summary>
    internal const int LocalsPerChunk = 96;

    /// <summary>Statements per chunk, whatever they define: keeps each method's IL well below the JIT's limits.</summary>
    internal const int StatementsPerChunk = 1024;

    [ThreadStatic] private static double[]? t_scratch;

    private readonly Chunk[] _chunks;
    private readonly int _scratchSize;

    private KernelProgram(Chunk[] chunks, int scratchSize) => (_chunks, _scratchSize) = (chunks, scratchSize);

    /// <summary>The number of compiled methods.</summary>
    public int ChunkCount => _chunks.Length;

    /// <summary>Runs the chunks in order and returns <c>scratch[0]</c> (the value, for scalar kernels).</summary>
    public double Run(double[] x, double[] p, double[] v, double[] y)
    {
        var scratch = t_scratch is { } s && s.Length >= _scratchSize ? s : t_scratch = new double[Math.Max(_scratchSize, 64)];
        var chunks = _chunks;
        for (int i = 0; i < chunks.Length; i++) chunks[i](x, p, v, y, scratch);
        return scratch[0];
    }

    /// <summary>The parameters every chunk takes, in the order of <see cref="Chunk"/>.</summary>
    public sealed class Signature
    {
        public readonly ParameterExpression X = LinqExpr.Parameter(typeof(double[]), "x");
        public readonly ParameterExpression P = LinqExpr.Parameter(typeof(double[]), "p");
        public readonly ParameterExpression V = LinqExpr.Parameter(typeof(double[]), "v");
        public readonly ParameterExpression Y = LinqExpr.Parameter(typeof(double[]), "y");
        public readonly ParameterExpression Scratch = LinqExpr.Parameter(typeof(double[]), "scratch");

        /// <summary>The statement that stores a scalar kernel's value.</summary>
        public LinqExpr StoreValue(LinqExpr value) => LinqExpr.Assign(LinqExpr.ArrayAccess(Scratch, LinqExpr.Constant(0)), value);
    }

    /// <summary>
    /// Sees every lambda before it is compiled (null normally): the benchmarks' <c>compiler-dump</c> mode prints
    /// the emitted code through it, to check what a kernel really computes.
    /// </summary>
    internal static Action<LambdaExpression>? Observer;

    /// <summary>Compiles one chunk, showing it to <see cref="Observer"/> first.</summary>
    internal static TDelegate CompileChunk<TDelegate>(Expression<TDelegate> lambda) where TDelegate : Delegate
    {
        lambda = FusedMultiplyAdd.Apply(lambda);
        Observer?.Invoke(lambda);
        return lambda.Compile();
    }

    /// <summary>A program of one method compiled elsewhere (a loop kernel, whose size does not grow with the data).</summary>
    public static KernelProgram Single(Chunk chunk) => new([chunk], 1);

    /// <summary>Cuts the emitted statements into chunks and compiles each.</summary>
    public static KernelProgram Compile(Signature sig, IReadOnlyList<ParameterExpression> locals, IReadOnlyList<LinqExpr> statements)
    {
        var isLocal = new HashSet<ParameterExpression>(locals);

        // 1. Cut: a chunk ends after it has defined LocalsPerChunk locals.
        var chunks = new List<List<LinqExpr>> { new() };
        var definedIn = new Dictionary<ParameterExpression, int>();
        int defined = 0;
        foreach (var st in statements)
        {
            if (defined >= LocalsPerChunk || chunks[^1].Count >= StatementsPerChunk)
            {
                chunks.Add(new());
                defined = 0;
            }
            chunks[^1].Add(st);
            if (st is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local } && isLocal.Contains(local))
            {
                definedIn[local] = chunks.Count - 1;
                defined++;
            }
        }

        // 2. Which locals are read in a later chunk than the one defining them: they get scratch slots (0 is the value).
        var slot = new Dictionary<ParameterExpression, int>();
        var collector = new LocalCollector(isLocal);
        for (int c = 0; c < chunks.Count; c++)
        {
            foreach (var st in chunks[c])
            {
                collector.Found.Clear();
                collector.Visit(st is BinaryExpression { NodeType: ExpressionType.Assign } a ? a.Right : st);
                foreach (var local in collector.Found)
                    if (definedIn.TryGetValue(local, out int home) && home != c && !slot.ContainsKey(local))
                        slot[local] = slot.Count + 1;
            }
        }

        // 3. Compile each chunk: foreign locals read from scratch, exported locals stored after their assignment.
        var compiled = new Chunk[chunks.Count];
        for (int c = 0; c < chunks.Count; c++)
        {
            var rewriter = new ForeignLocalRewriter(sig.Scratch, slot, definedIn, c);
            var body = new List<LinqExpr>();
            var own = new List<ParameterExpression>();
            foreach (var st in chunks[c])
            {
                if (st is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local } assign && isLocal.Contains(local))
                {
                    own.Add(local);
                    body.Add(LinqExpr.Assign(local, rewriter.Visit(assign.Right)));
                    if (slot.TryGetValue(local, out int s))
                        body.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Scratch, LinqExpr.Constant(s)), local));
                }
                else
                {
                    body.Add(rewriter.Visit(st));
                    // an accumulation (adjoint += ...) into an exported local of this chunk updates its copy too
                    if (st is BinaryExpression { Left: ParameterExpression target } && isLocal.Contains(target)
                        && definedIn.GetValueOrDefault(target, -1) == c && slot.TryGetValue(target, out int s))
                        body.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Scratch, LinqExpr.Constant(s)), target));
                }
            }
            body.Add(LinqExpr.Empty());
            compiled[c] = CompileChunk(LinqExpr.Lambda<Chunk>(LinqExpr.Block(typeof(void), own, body), sig.X, sig.P, sig.V, sig.Y, sig.Scratch));
        }
        return new KernelProgram(compiled, slot.Count + 1);
    }

    private sealed class LocalCollector(HashSet<ParameterExpression> isLocal) : ExpressionVisitor
    {
        public readonly HashSet<ParameterExpression> Found = new();

        protected override LinqExpr VisitParameter(ParameterExpression node)
        {
            if (isLocal.Contains(node)) Found.Add(node);
            return node;
        }
    }

    private sealed class ForeignLocalRewriter(ParameterExpression scratch, Dictionary<ParameterExpression, int> slot,
        Dictionary<ParameterExpression, int> definedIn, int chunk) : ExpressionVisitor
    {
        protected override LinqExpr VisitParameter(ParameterExpression node) =>
            definedIn.TryGetValue(node, out int home) && home != chunk
                ? LinqExpr.ArrayAccess(scratch, LinqExpr.Constant(slot[node]))
                : node;
    }
}
