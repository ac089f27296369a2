using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>
/// Forward-mode directional derivatives: alongside each node's value the code carries its tangent,
/// d node / dt along x + t v, built from the same local partials as the reverse sweep. One pass gives
/// one directional derivative, so a full gradient this way costs n passes: the contrast with reverse
/// mode that <c>samples/ForwardVsReverse</c> measures.
/// </summary>
internal static class ForwardMode
{
    /// <summary>f(x, p) in scratch[0] and the directional derivative along v in y[0].</summary>
    public static KernelProgram Directional(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var sig = new KernelProgram.Signature();
        // the tangent of variable i is v[i], the direction
        var tangentOf = new Dictionary<Expr, LinqExpr>();
        for (int i = 0; i < variables.Count; i++) tangentOf[variables[i]] = LinqExpr.ArrayIndex(sig.V, LinqExpr.Constant(i));
        var emitter = new LinqEmitter(Kernels.Inputs(variables, parameters, sig.X, sig.P), localForEveryNode: true);
        emitter.CountUses([f]);
        emitter.Add(sig.StoreValue(emitter.Emit(f)));

        var varying = new HashSet<Symbol>(variables);
        foreach (var node in ReverseMode.TopologicalOrder(f, varying))
        {
            if (node is Symbol) continue;
            LinqExpr? tangent = null;
            void Plus(Expr operand, Expr partial)
            {
                if (!tangentOf.TryGetValue(operand, out var dt)) return; // constant in x
                var term = partial is Number { IsOne: true } ? dt : LinqExpr.Multiply(emitter.Emit(partial), dt);
                tangent = tangent is null ? term : LinqExpr.Add(tangent, term);
            }
            foreach (var (operand, partial) in ReverseMode.LocalPartials(node, varying)) Plus(operand, partial);
            tangentOf[node] = tangent is null ? LinqExpr.Constant(0.0) : emitter.Temporary(tangent);
        }
        emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(0)),
            tangentOf.GetValueOrDefault(f) ?? LinqExpr.Constant(0.0)));
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }
}
