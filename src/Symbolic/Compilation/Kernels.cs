using System.Linq.Expressions;
using Symbolic.Calculus;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>
/// Builds the compiled kernels of a function: the symbolic derivatives are formed first, then all
/// outputs of a kernel are emitted into one body so their common subexpressions are computed once.
/// </summary>
internal static class Kernels
{
    /// <summary>The input map: variable i reads <c>x[i]</c>, parameter j reads <c>p[j]</c>.</summary>
    internal static Func<Symbol, LinqExpr?> Inputs(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters,
        ParameterExpression x, ParameterExpression p)
    {
        var map = new Dictionary<Symbol, LinqExpr>();
        for (int j = 0; j < parameters.Count; j++) map[parameters[j]] = LinqExpr.ArrayIndex(p, LinqExpr.Constant(j));
        for (int i = 0; i < variables.Count; i++) map[variables[i]] = LinqExpr.ArrayIndex(x, LinqExpr.Constant(i));
        return s => map.GetValueOrDefault(s);
    }

    /// <summary>f(x, p), left in scratch[0].</summary>
    public static KernelProgram Value(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Inputs(variables, parameters, sig.X, sig.P));
        var loops = TermLoops.TrySplit(f, variables);
        var straight = loops?.Rest ?? f;
        emitter.CountUses([straight]);
        emitter.Add(sig.StoreValue(emitter.Emit(straight)));
        AddLoops(emitter, loops, TermLoops.Contribution.Value, sig, variables, parameters);
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>f(x, p) in scratch[0] and its gradient in y[0..n).</summary>
    public static KernelProgram Gradient(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters,
        GradientMode mode = GradientMode.Auto)
    {
        if (mode == GradientMode.Reverse) return ReverseMode.Gradient(f, variables, parameters);
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Inputs(variables, parameters, sig.X, sig.P));
        var loops = TermLoops.TrySplit(f, variables);
        if (loops is not null)
        {
            // The rest's gradient is added to what the loops assemble.
            emitter.Add(ClearOutputs(sig, variables.Count));
            var restGradient = FactoredGradient(loops.Rest, variables);
            emitter.CountUses([loops.Rest, .. restGradient]);
            for (int i = 0; i < restGradient.Length; i++)
                if (restGradient[i] is not Number { IsZero: true })
                    emitter.Add(LinqExpr.AddAssign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i)), emitter.Emit(restGradient[i])));
            emitter.Add(sig.StoreValue(emitter.Emit(loops.Rest)));
            AddLoops(emitter, loops, TermLoops.Contribution.Gradient, sig, variables, parameters);
            return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
        }
        var gradient = FactoredGradient(f, variables);
        if (mode == GradientMode.Auto && SymbolicGradientIsLarge(f, gradient, variables.Count))
            return ReverseMode.Gradient(f, variables, parameters);
        emitter.CountUses([f, .. gradient]);
        // The gradient entries first, in order: entry i and i + 1 usually share work (terms that contain
        // both variables), so a shared value is used soon after it is computed, within the same chunk.
        // The value comes last and reads what the entries left behind.
        for (int i = 0; i < gradient.Length; i++)
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i)), emitter.Emit(gradient[i])));
        emitter.Add(sig.StoreValue(emitter.Emit(f)));
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>The row-major n*n Hessian in y; each mixed partial is computed once and stored twice.</summary>
    public static KernelProgram Hessian(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        int n = variables.Count;
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Inputs(variables, parameters, sig.X, sig.P));
        var loops = TermLoops.TrySplit(f, variables);
        var h = Derivatives.Hessian(loops?.Rest ?? f, variables);
        var upper = new List<(int I, int J, Expr E)>();
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                upper.Add((i, j, h[i, j]));
        emitter.CountUses(upper.Select(u => u.E));
        // Clear once, then store the nonzero entries: most Hessians of large functions are sparse.
        emitter.Add(ClearOutputs(sig, n * n));
        foreach (var (i, j, e) in upper)
        {
            if (e is Number { IsZero: true }) continue;
            var code = emitter.Emit(e);
            if (i != j && code is not (ParameterExpression or ConstantExpression)) code = emitter.Temporary(code);
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i * n + j)), code));
            if (i != j) emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(j * n + i)), code));
        }
        AddLoops(emitter, loops, TermLoops.Contribution.Hessian, sig, variables, parameters);
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>
    /// H v in y without forming H: (H v)_i = sum over the variables x_j that g_i = df/dx_i depends on of
    /// dg_i/dx_j v_j, so the cost follows the Hessian's nonzeros, not n^2.
    /// </summary>
    public static KernelProgram HessianVector(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        int n = variables.Count;
        var loops = TermLoops.TrySplit(f, variables);
        var gradient = Derivatives.Gradient(loops?.Rest ?? f, variables);
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < n; i++) index[variables[i]] = i;
        var rows = new List<(Expr Entry, int J)>[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new();
            var vars = gradient[i].FreeSymbols.Where(index.ContainsKey).ToArray();
            var partials = Derivatives.Gradient(gradient[i], vars);
            for (int k = 0; k < vars.Length; k++)
                if (partials[k] is not Number { IsZero: true }) rows[i].Add((partials[k], index[vars[k]]));
        }
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Inputs(variables, parameters, sig.X, sig.P));
        emitter.CountUses(rows.SelectMany(r => r.Select(t => t.Entry)));
        for (int i = 0; i < n; i++)
        {
            LinqExpr? sum = null;
            foreach (var (entry, j) in rows[i])
            {
                var term = LinqExpr.Multiply(emitter.Emit(entry), LinqExpr.ArrayIndex(sig.V, LinqExpr.Constant(j)));
                sum = sum is null ? term : LinqExpr.Add(sum, term);
            }
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i)), sum ?? LinqExpr.Constant(0.0)));
        }
        AddLoops(emitter, loops, TermLoops.Contribution.HessianVector, sig, variables, parameters);
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>
    /// The sum over data rows of f and of its gradient, as one loop: row r's parameters are read from
    /// <c>p[r*m .. r*m + m)</c> (row-major data), rows <c>v[0]</c> to <c>v[1]</c> are summed, the value
    /// sum is left in scratch[0] and the gradient sum in y[0..n). The variables are read once, before
    /// the loop; nothing is called or copied per row.
    /// </summary>
    public static KernelProgram RowSum(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        int n = variables.Count, m = parameters.Count;
        var gradient = FactoredGradient(f, variables);
        var sig = new KernelProgram.Signature();
        var r = LinqExpr.Variable(typeof(int), "r");
        var end = LinqExpr.Variable(typeof(int), "end");
        var baseIndex = LinqExpr.Variable(typeof(int), "rowStart");
        var sum = LinqExpr.Variable(typeof(double), "sum");
        var xs = variables.Select(v => LinqExpr.Variable(typeof(double), v.Name)).ToArray();
        var ps = parameters.Select(v => LinqExpr.Variable(typeof(double), v.Name)).ToArray();
        var accumulators = variables.Select(v => LinqExpr.Variable(typeof(double), "d" + v.Name)).ToArray();
        var map = new Dictionary<Symbol, LinqExpr>();
        for (int i = 0; i < n; i++) map[variables[i]] = xs[i];
        for (int j = 0; j < m; j++) map[parameters[j]] = ps[j];

        var emitter = new LinqEmitter(s => map.GetValueOrDefault(s));
        emitter.CountUses([f, .. gradient]);
        for (int i = 0; i < n; i++)
            if (gradient[i] is not Number { IsZero: true })
                emitter.Add(LinqExpr.AddAssign(accumulators[i], emitter.Emit(gradient[i])));
        emitter.Add(LinqExpr.AddAssign(sum, emitter.Emit(f)));

        var body = new List<LinqExpr> { LinqExpr.Assign(baseIndex, LinqExpr.Multiply(r, LinqExpr.Constant(m))) };
        for (int j = 0; j < m; j++)
            body.Add(LinqExpr.Assign(ps[j], LinqExpr.ArrayIndex(sig.P, j == 0 ? baseIndex : LinqExpr.Add(baseIndex, LinqExpr.Constant(j)))));
        body.AddRange(emitter.Body);
        body.Add(LinqExpr.PostIncrementAssign(r));
        var exit = LinqExpr.Label("done");
        var loop = LinqExpr.Loop(
            LinqExpr.IfThenElse(LinqExpr.LessThan(r, end), LinqExpr.Block([.. emitter.Locals, .. ps], body), LinqExpr.Break(exit)),
            exit);

        var statements = new List<LinqExpr>();
        for (int i = 0; i < n; i++)
        {
            statements.Add(LinqExpr.Assign(xs[i], LinqExpr.ArrayIndex(sig.X, LinqExpr.Constant(i))));
            statements.Add(LinqExpr.Assign(accumulators[i], LinqExpr.Constant(0.0)));
        }
        statements.Add(LinqExpr.Assign(sum, LinqExpr.Constant(0.0)));
        statements.Add(LinqExpr.Assign(r, LinqExpr.Convert(LinqExpr.ArrayIndex(sig.V, LinqExpr.Constant(0)), typeof(int))));
        statements.Add(LinqExpr.Assign(end, LinqExpr.Convert(LinqExpr.ArrayIndex(sig.V, LinqExpr.Constant(1)), typeof(int))));
        statements.Add(loop);
        for (int i = 0; i < n; i++)
            statements.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i)), accumulators[i]));
        statements.Add(sig.StoreValue(sum));
        statements.Add(LinqExpr.Empty());
        var lambda = LinqExpr.Lambda<Chunk>(
            LinqExpr.Block(typeof(void), [r, end, baseIndex, sum, .. xs, .. accumulators], statements),
            sig.X, sig.P, sig.V, sig.Y, sig.Scratch);
        return KernelProgram.Single(KernelProgram.CompileChunk(lambda));
    }

    /// <summary>
    /// f at many points in one compiled loop (the scalar form of <see cref="VectorKernels.TryValues"/>, same
    /// delegate, one point per iteration): no call, copy or thread-local lookup per point. Null when f is too
    /// large for one method (it then runs point by point through <see cref="Value"/>'s chunks).
    /// </summary>
    public static VectorBatch? ScalarBatch(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var points = LinqExpr.Parameter(typeof(double[,]), "points");
        var from = LinqExpr.Parameter(typeof(int), "from");
        var pars = LinqExpr.Parameter(typeof(double[]), "parameters");
        var output = LinqExpr.Parameter(typeof(double[]), "output");
        var count = LinqExpr.Parameter(typeof(int), "count");
        var row = LinqExpr.Variable(typeof(int), "row");
        var end = LinqExpr.Variable(typeof(int), "end");
        var xs = variables.Select(v => LinqExpr.Variable(typeof(double), v.Name)).ToArray();
        var emitter = new LinqEmitter(InputsOf(variables, xs, parameters, pars));
        emitter.CountUses([f]);
        var value = emitter.Emit(f);
        if (emitter.Locals.Count > KernelProgram.LocalsPerChunk) return null;

        var body = new List<LinqExpr>();
        for (int j = 0; j < xs.Length; j++)
            body.Add(LinqExpr.Assign(xs[j], LinqExpr.ArrayAccess(points, row, LinqExpr.Constant(j))));
        body.AddRange(emitter.Body);
        body.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(output, row), value));
        body.Add(LinqExpr.PostIncrementAssign(row));
        var exit = LinqExpr.Label("done");
        var loop = LinqExpr.Loop(
            LinqExpr.IfThenElse(LinqExpr.LessThan(row, end), LinqExpr.Block([.. xs, .. emitter.Locals], body), LinqExpr.Break(exit)),
            exit);
        var lambda = LinqExpr.Lambda<VectorBatch>(
            LinqExpr.Block(typeof(void), [row, end], LinqExpr.Assign(row, from), LinqExpr.Assign(end, LinqExpr.Add(from, count)), loop, LinqExpr.Empty()),
            points, from, pars, output, count);
        return KernelProgram.CompileChunk(lambda);
    }

    private static Func<Symbol, LinqExpr?> InputsOf(IReadOnlyList<Symbol> variables, ParameterExpression[] locals,
        IReadOnlyList<Symbol> parameters, ParameterExpression p)
    {
        var map = new Dictionary<Symbol, LinqExpr>();
        for (int j = 0; j < parameters.Count; j++) map[parameters[j]] = LinqExpr.ArrayIndex(p, LinqExpr.Constant(j));
        for (int j = 0; j < variables.Count; j++) map[variables[j]] = locals[j];
        return s => map.GetValueOrDefault(s);
    }

    /// <summary>The values of several expressions in y.</summary>
    public static KernelProgram Values(IReadOnlyList<Expr> fs, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Inputs(variables, parameters, sig.X, sig.P));
        emitter.CountUses(fs);
        for (int i = 0; i < fs.Count; i++)
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i)), emitter.Emit(fs[i])));
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>The row-major m*n Jacobian of <paramref name="fs"/> in y.</summary>
    public static KernelProgram Jacobian(IReadOnlyList<Expr> fs, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var j = Derivatives.Jacobian(fs, variables);
        var entries = new List<Expr>(fs.Count * variables.Count);
        for (int r = 0; r < fs.Count; r++)
            for (int c = 0; c < variables.Count; c++)
                entries.Add(j[r, c]);
        return Values(entries, variables, parameters);
    }

    /// <summary>The symbolic gradient with each entry's common factors taken out (<see cref="CommonFactors"/>).</summary>
    private static Expr[] FactoredGradient(Expr f, IReadOnlyList<Symbol> variables)
    {
        var gradient = Derivatives.Gradient(f, variables);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = CommonFactors.Extract(gradient[i]);
        return gradient;
    }

    /// <summary>
    /// True when the symbolic gradient has many more distinct nodes than the function itself: deep
    /// compositions (layered networks) whose partials repeat the chain rule's products for every input.
    /// A reverse sweep costs a small constant times the function there.
    /// </summary>
    internal static bool SymbolicGradientIsLarge(Expr f, Expr[] gradient, int n)
    {
        // The reverse sweep costs about three nodes per node of f (forward value, adjoint, local partial).
        long own = DistinctNodes([f]);
        return DistinctNodes([f, .. gradient]) > 3 * own + 2L * n;
    }

    internal static long DistinctNodes(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e)) continue;
            foreach (var c in e.Children) stack.Push(c);
        }
        return seen.Count;
    }

    internal static void AddLoops(LinqEmitter emitter, TermLoops? loops, TermLoops.Contribution what,
        KernelProgram.Signature sig, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        if (loops is null) return;
        var parameterInput = Inputs([], parameters, sig.X, sig.P);
        foreach (var shape in loops.Shapes)
            emitter.Add(TermLoops.Loop(shape, what, sig, parameterInput, variables.Count));
    }

    // Clears y[0..count): the outputs that the loops and the rest add into (y may be longer, e.g. a caller's array).
    internal static LinqExpr ClearOutputs(KernelProgram.Signature sig, int count) =>
        LinqExpr.Call(typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])!,
            sig.Y, LinqExpr.Constant(0), LinqExpr.Constant(count));

    /// <summary>A typed delegate whose parameters are the variables, in order: <c>Func&lt;double, double, double&gt;</c>.</summary>
    public static TDelegate Typed<TDelegate>(Expr f, IReadOnlyList<Symbol> variables) where TDelegate : Delegate
    {
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var signature = invoke.GetParameters();
        if (invoke.ReturnType != typeof(double) || signature.Any(s => s.ParameterType != typeof(double)))
            throw new ArgumentException($"{typeof(TDelegate).Name} must take doubles and return a double", nameof(TDelegate));
        if (signature.Length != variables.Count)
            throw new ArgumentException($"{typeof(TDelegate).Name} takes {signature.Length} arguments but {variables.Count} variables were named", nameof(TDelegate));
        var ps = variables.Select(v => LinqExpr.Parameter(typeof(double), v.Name)).ToArray();
        var map = new Dictionary<Symbol, LinqExpr>();
        for (int i = 0; i < ps.Length; i++) map[variables[i]] = ps[i];
        var emitter = new LinqEmitter(s => map.GetValueOrDefault(s));
        emitter.CountUses([f]);
        var value = emitter.Emit(f);
        return KernelProgram.CompileChunk(LinqExpr.Lambda<TDelegate>(Block(emitter, value), ps));
    }

    private static LinqExpr Block(LinqEmitter emitter, LinqExpr? result)
    {
        var statements = new List<LinqExpr>(emitter.Body);
        statements.Add(result ?? LinqExpr.Empty());
        return LinqExpr.Block(result is null ? typeof(void) : typeof(double), emitter.Locals, statements);
    }
}
