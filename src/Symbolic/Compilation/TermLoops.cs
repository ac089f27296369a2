using System.Linq.Expressions;
using Symbolic.Algebra;
using Symbolic.Calculus;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>
/// Rerolls a large sum into loops. Many objective functions are sums of one term shape over shifted
/// variables (Rosenbrock: <c>100(x_{i+1} - x_i^2)^2 + (1 - x_i)^2</c>; a loss over data rows), and
/// straight-line code for them grows with n until it no longer fits the instruction cache. Each term
/// is turned into a template by replacing its variables with placeholder slots; hash-consing makes
/// equal templates the same object, so grouping is a dictionary lookup. A shape that occurs often
/// becomes one loop over an index array that says which variables fill its slots in each instance,
/// and its value, gradient and Hessian-vector contributions are assembled into the outputs, as a
/// finite-element code assembles element matrices. The terms left over are compiled straight.
/// </summary>
internal sealed class TermLoops
{
    /// <summary>A shape occurring at least this often becomes a loop.</summary>
    internal const int MinInstances = 8;

    /// <summary>Sums with fewer terms are compiled straight: a loop would not pay for its index loads.</summary>
    internal const int MinTerms = 32;

    private static readonly Symbol[] Slots = Enumerable.Range(0, 64).Select(i => Expr.Symbol($"#{i}")).ToArray();

    /// <summary>
    /// One rerolled shape: the template over slots and, per instance, the variable index of each slot.
    /// When every slot's index moves by a fixed stride from one instance to the next (x_{k+1}, x_{k+2}),
    /// <see cref="Offsets"/> and <see cref="Strides"/> give it as offset + k*stride, and the loop computes
    /// the index instead of loading it.
    /// </summary>
    internal sealed record Shape(Expr Template, Symbol[] SlotSymbols, int[] Indices, int Count)
    {
        public int Arity => SlotSymbols.Length;

        public int[]? Offsets { get; init; }

        public int[]? Strides { get; init; }
    }

    private TermLoops(Expr rest, IReadOnlyList<Shape> shapes) => (Rest, Shapes) = (rest, shapes);

    /// <summary>The terms compiled straight (zero when every term went into a loop).</summary>
    public Expr Rest { get; }

    /// <summary>The rerolled shapes.</summary>
    public IReadOnlyList<Shape> Shapes { get; }

    /// <summary>Splits <paramref name="f"/> into loops and a rest, or returns null when no loop would pay.</summary>
    public static TermLoops? TrySplit(Expr f, IReadOnlyList<Symbol> variables)
    {
        if (f is not Add sum || sum.Terms.Length < MinTerms) return null;
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < variables.Count; i++) index[variables[i]] = i;

        var groups = new Dictionary<Expr, List<(Expr Term, int[] Slots)>>();
        var rest = new List<Expr>();
        var replacements = new Dictionary<Symbol, Expr>();
        foreach (var term in sum.Terms)
        {
            var vars = term.FreeSymbols.Where(index.ContainsKey).ToArray();
            if (vars.Length == 0 || vars.Length > Slots.Length)
            {
                rest.Add(term);
                continue;
            }
            replacements.Clear();
            for (int j = 0; j < vars.Length; j++) replacements[vars[j]] = Slots[j];
            var template = Substitution.Substitute(term, replacements);
            if (!groups.TryGetValue(template, out var list)) groups[template] = list = new();
            list.Add((term, vars.Select(v => index[v]).ToArray()));
        }

        var shapes = new List<Shape>();
        foreach (var (template, instances) in groups)
        {
            if (instances.Count < MinInstances)
            {
                rest.AddRange(instances.Select(i => i.Term));
                continue;
            }
            int arity = instances[0].Slots.Length;
            // In variable order, so shifted indices form progressions (the sum's own order is by name: x10 before x2).
            instances.Sort((a, b) => CompareSlots(a.Slots, b.Slots));
            var indices = new int[instances.Count * arity];
            for (int k = 0; k < instances.Count; k++) instances[k].Slots.CopyTo(indices, k * arity);
            shapes.Add(WithProgression(new Shape(template, Slots[..arity], indices, instances.Count)));
        }
        if (shapes.Count == 0) return null;
        return new TermLoops(Expr.Add(rest), Fuse(shapes));
    }

    private static int CompareSlots(int[] a, int[] b)
    {
        for (int j = 0; j < a.Length; j++)
            if (a[j] != b[j]) return a[j].CompareTo(b[j]);
        return 0;
    }

    /// <summary>The shape with offsets and strides when every slot's index is an arithmetic progression in k.</summary>
    private static Shape WithProgression(Shape shape)
    {
        int m = shape.Arity, count = shape.Count;
        var offsets = new int[m];
        var strides = new int[m];
        for (int j = 0; j < m; j++)
        {
            offsets[j] = shape.Indices[j];
            strides[j] = count > 1 ? shape.Indices[m + j] - offsets[j] : 0;
            for (int k = 2; k < count; k++)
                if (shape.Indices[k * m + j] != offsets[j] + k * strides[j]) return shape;
        }
        return shape with { Offsets = offsets, Strides = strides };
    }

    /// <summary>
    /// Shapes whose instances walk the variables in step (progressions with the same count) become one loop:
    /// their templates are added over a shared set of slots, so the loop reads each variable once and adds
    /// one partial per slot, as a hand-written loop over Rosenbrock's two term shapes does.
    /// </summary>
    private static List<Shape> Fuse(List<Shape> shapes)
    {
        var result = new List<Shape>();
        foreach (var group in shapes.GroupBy(s => s.Offsets is null ? -1 : s.Count)) // -1: not a progression, never fused
        {
            var members = group.ToList();
            if (members.Count == 1 || members[0].Offsets is null)
            {
                result.AddRange(members);
                continue;
            }
            var slotOf = new Dictionary<(int Offset, int Stride), Symbol>();
            var terms = new List<Expr>();
            var replacements = new Dictionary<Symbol, Expr>();
            foreach (var shape in members)
            {
                replacements.Clear();
                for (int j = 0; j < shape.Arity; j++)
                {
                    var key = (shape.Offsets![j], shape.Strides![j]);
                    if (!slotOf.TryGetValue(key, out var slot))
                    {
                        if (slotOf.Count == FusedSlots.Length) return shapes; // too many distinct slots: keep them apart
                        slotOf[key] = slot = FusedSlots[slotOf.Count];
                    }
                    replacements[shape.SlotSymbols[j]] = slot;
                }
                terms.Add(Substitution.Substitute(shape.Template, replacements));
            }
            var keys = slotOf.Keys.ToArray();
            int count = members[0].Count, m = keys.Length;
            var indices = new int[count * m];
            for (int k = 0; k < count; k++)
                for (int j = 0; j < m; j++)
                    indices[k * m + j] = keys[j].Offset + k * keys[j].Stride;
            result.Add(new Shape(Expr.Add(terms), [.. slotOf.Values], indices, count)
            {
                Offsets = [.. keys.Select(k => k.Offset)],
                Strides = [.. keys.Select(k => k.Stride)],
            });
        }
        return result;
    }

    // Distinct from the per-shape slots, which the fused templates are rewritten from.
    private static readonly Symbol[] FusedSlots = Enumerable.Range(0, 64).Select(i => Expr.Symbol($"#f{i}")).ToArray();

    /// <summary>What a loop adds into the outputs for each instance.</summary>
    internal enum Contribution
    {
        /// <summary>The term's value into the running value.</summary>
        Value,

        /// <summary>The value, and each slot's partial into <c>y[index]</c>.</summary>
        Gradient,

        /// <summary>Each slot's row of the term's Hessian times <c>v</c> into <c>y[index]</c>.</summary>
        HessianVector,

        /// <summary>Each second partial into <c>y[index_i * n + index_j]</c>.</summary>
        Hessian,
    }

    /// <summary>
    /// The loop for one shape. It adds the values of its instances into <c>scratch[0]</c> (for
    /// <see cref="Contribution.Value"/> and <see cref="Contribution.Gradient"/>) and the requested
    /// derivatives into the outputs, which the caller has cleared.
    /// </summary>
    public static LinqExpr Loop(Shape shape, Contribution what, KernelProgram.Signature sig,
        Func<Symbol, LinqExpr?> parameterInput, int n)
    {
        var value = what is Contribution.Value or Contribution.Gradient ? LinqExpr.Variable(typeof(double), "sum") : null;
        int m = shape.Arity;
        var k = LinqExpr.Variable(typeof(int), "k");
        var b = LinqExpr.Variable(typeof(int), "b");
        // The index array is read into a local once: a constant array inside a compiled lambda is fetched
        // from the closure and cast on every evaluation, which in a loop costs more than the term.
        var idx = LinqExpr.Variable(typeof(int[]), "idx");
        var slotIndex = Enumerable.Range(0, m).Select(j => LinqExpr.Variable(typeof(int), $"i{j}")).ToArray();
        var slotValue = Enumerable.Range(0, m).Select(j => LinqExpr.Variable(typeof(double), $"s{j}")).ToArray();
        var slotMap = new Dictionary<Symbol, LinqExpr>();
        for (int j = 0; j < m; j++) slotMap[shape.SlotSymbols[j]] = slotValue[j];
        var emitter = new LinqEmitter(s => slotMap.GetValueOrDefault(s) ?? parameterInput(s));

        // The outputs of one instance, emitted together so their common work is shared.
        var outputs = new List<(Expr E, Func<LinqExpr, LinqExpr> Store)>();
        if (value is not null)
            outputs.Add((shape.Template, c => LinqExpr.AddAssign(value, c)));
        var partials = shape.SlotSymbols.Select(s => Differentiator.Diff(shape.Template, s)).ToArray();
        switch (what)
        {
            case Contribution.Gradient:
                for (int j = 0; j < m; j++)
                {
                    int jj = j;
                    if (partials[j] is not Number { IsZero: true })
                        outputs.Add((partials[j], c => AddInto(sig.Y, slotIndex[jj], c)));
                }
                break;
            case Contribution.HessianVector:
                for (int i = 0; i < m; i++)
                {
                    var row = Derivatives.Gradient(partials[i], shape.SlotSymbols);
                    var terms = new List<Expr>();
                    for (int j = 0; j < m; j++)
                        if (row[j] is not Number { IsZero: true }) terms.Add(Expr.Mul(row[j], Direction(j)));
                    int ii = i;
                    if (terms.Count > 0) outputs.Add((Expr.Add(terms), c => AddInto(sig.Y, slotIndex[ii], c)));
                }
                // v[index_j] enters through placeholder symbols read in the loop
                for (int j = 0; j < m; j++)
                {
                    int jj = j;
                    slotMap[Direction(j)] = LinqExpr.ArrayIndex(sig.V, slotIndex[jj]);
                }
                break;
            case Contribution.Hessian:
                for (int i = 0; i < m; i++)
                {
                    var row = Derivatives.Gradient(partials[i], shape.SlotSymbols);
                    for (int j = 0; j < m; j++)
                    {
                        if (row[j] is Number { IsZero: true }) continue;
                        int ii = i, jj = j;
                        outputs.Add((row[j], c => AddInto(sig.Y,
                            LinqExpr.Add(LinqExpr.Multiply(slotIndex[ii], LinqExpr.Constant(n)), slotIndex[jj]), c)));
                    }
                }
                break;
        }

        emitter.CountUses(outputs.Select(o => o.E));
        foreach (var (e, store) in outputs) emitter.Add(store(emitter.Emit(e)));

        var body = new List<LinqExpr>();
        if (shape.Offsets is null) body.Add(LinqExpr.Assign(b, LinqExpr.Multiply(k, LinqExpr.Constant(m))));
        for (int j = 0; j < m; j++)
        {
            // offset + k*stride for a progression, else the index array's entry
            LinqExpr at = shape.Offsets is { } offsets
                ? Progression(k, offsets[j], shape.Strides![j])
                : LinqExpr.ArrayIndex(idx, j == 0 ? b : LinqExpr.Add(b, LinqExpr.Constant(j)));
            body.Add(LinqExpr.Assign(slotIndex[j], at));
            body.Add(LinqExpr.Assign(slotValue[j], LinqExpr.ArrayIndex(sig.X, slotIndex[j])));
        }
        body.AddRange(emitter.Body);
        body.Add(LinqExpr.PostIncrementAssign(k));

        var exit = LinqExpr.Label("done");
        var loop = LinqExpr.Loop(
            LinqExpr.IfThenElse(
                LinqExpr.LessThan(k, LinqExpr.Constant(shape.Count)),
                LinqExpr.Block([.. emitter.Locals], body),
                LinqExpr.Break(exit)),
            exit);
        var statements = new List<LinqExpr> { LinqExpr.Assign(idx, LinqExpr.Constant(shape.Indices)), LinqExpr.Assign(k, LinqExpr.Constant(0)) };
        if (value is not null) statements.Add(LinqExpr.Assign(value, LinqExpr.Constant(0.0)));
        statements.Add(loop);
        if (value is not null) statements.Add(LinqExpr.AddAssign(LinqExpr.ArrayAccess(sig.Scratch, LinqExpr.Constant(0)), value));
        statements.Add(LinqExpr.Empty());
        ParameterExpression[] variables = value is null ? [idx, k, b, .. slotIndex, .. slotValue] : [idx, k, b, value, .. slotIndex, .. slotValue];
        return LinqExpr.Block(typeof(void), variables, statements);
    }

    private static LinqExpr Progression(ParameterExpression k, int offset, int stride)
    {
        LinqExpr step = stride switch { 0 => LinqExpr.Constant(0), 1 => k, _ => LinqExpr.Multiply(k, LinqExpr.Constant(stride)) };
        return offset == 0 ? step : LinqExpr.Add(step, LinqExpr.Constant(offset));
    }

    private static readonly Symbol[] Directions = Enumerable.Range(0, 64).Select(i => Expr.Symbol($"#v{i}")).ToArray();

    private static Symbol Direction(int j) => Directions[j];

    private static LinqExpr AddInto(ParameterExpression array, LinqExpr index, LinqExpr value) =>
        LinqExpr.AddAssign(LinqExpr.ArrayAccess(array, index), value);
}
