using Symbolic.Functions;
using LinqExpr = System.Linq.Expressions.Expression;
using ParameterExpr = System.Linq.Expressions.ParameterExpression;

namespace Symbolic.Compilation;

/// <summary>
/// Reverse-mode gradients: the forward code computes every node of the expression graph once, then a
/// reverse sweep visits the nodes in reverse topological order and pushes each node's adjoint
/// (d f / d node) to its operands, multiplied by the local partial derivative of the node with respect
/// to that operand. The local partials are the differentiator's rules (sum: 1; product: the other
/// factors; power: e*b^(e-1) and b^e*log(b); a function: its entry's derivative rule), emitted through
/// the same shared-subexpression emitter, so they reuse the forward values (sigmoid'(u) reads sigmoid(u)).
/// The cost is a small constant times the value's cost, whatever the number of variables: the course
/// notes' argument for backpropagation, and the reason it beats one directional derivative per input.
/// </summary>
internal static class ReverseMode
{
    /// <summary>f(x, p) in scratch[0] and its gradient in y[0..n).</summary>
    public static KernelProgram Gradient(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var sig = new KernelProgram.Signature();
        var emitter = new LinqEmitter(Kernels.Inputs(variables, parameters, sig.X, sig.P), localForEveryNode: true);

        // A large sum of repeated terms: each term shape becomes a loop that assembles its instances'
        // local gradients (TermLoops); the sweep below covers the rest.
        var loops = TermLoops.TrySplit(f, variables);
        f = loops?.Rest ?? f;

        // Forward: every node once, into a local.
        emitter.CountUses([f]);
        var value = emitter.Emit(f);
        emitter.Add(sig.StoreValue(value));

        var varying = new HashSet<Symbol>(variables);
        var negatedPartner = NegatedLogisticArguments(f, varying);
        var order = TopologicalOrder(f, varying, negatedPartner);

        // Reverse: adjoints, seeded with df/df = 1.
        var adjoint = new Dictionary<Expr, ParameterExpr>();
        void Push(Expr operand, LinqExpr contribution)
        {
            if (!DependsOn(operand, varying)) return;
            if (adjoint.TryGetValue(operand, out var a))
                emitter.Add(LinqExpr.AddAssign(a, contribution));
            else
                adjoint[operand] = emitter.Temporary(contribution);
        }

        adjoint[f] = emitter.Temporary(LinqExpr.Constant(1.0));
        for (int k = order.Count - 1; k >= 0; k--)
        {
            var node = order[k];
            if (!adjoint.TryGetValue(node, out var bar)) continue;
            foreach (var (operand, partial) in LocalPartials(node, varying))
            {
                // softplus(-u) next to softplus(u): d/du softplus(-u) = -sigmoid(-u), so the adjoint goes to u
                // and -u (an Add of negated terms, a node of its own) needs no sweep of its own
                if (node is Call { Arguments.Length: 1 } && negatedPartner.TryGetValue(operand, out var partner))
                    Push(partner, Times(bar, Expr.Neg(partial), emitter));
                else
                    Push(operand, Times(bar, partial, emitter));
            }
        }

        // Store the variables that have an adjoint and zero the others (a sparse gradient stays cheap: a clear
        // when most are zero, else single stores); the loops below add into what is stored here.
        int withAdjoint = variables.Count(adjoint.ContainsKey);
        bool clear = withAdjoint < variables.Count / 2;
        if (clear) emitter.Add(Kernels.ClearOutputs(sig, variables.Count));
        for (int i = 0; i < variables.Count; i++)
        {
            var target = LinqExpr.ArrayAccess(sig.Y, LinqExpr.Constant(i));
            if (adjoint.TryGetValue(variables[i], out var a)) emitter.Add(LinqExpr.Assign(target, a));
            else if (!clear) emitter.Add(LinqExpr.Assign(target, LinqExpr.Constant(0.0)));
        }
        Kernels.AddLoops(emitter, loops, TermLoops.Contribution.Gradient, sig, variables, parameters);
        return KernelProgram.Compile(sig, emitter.Locals, emitter.Body);
    }

    /// <summary>
    /// The operands of <paramref name="node"/> that depend on a variable, each with the local partial
    /// derivative of the node with respect to it: the rules of the differentiator, one level deep.
    /// </summary>
    internal static IEnumerable<(Expr Operand, Expr Partial)> LocalPartials(Expr node, HashSet<Symbol> varying)
    {
        switch (node)
        {
            case Add a:
                // d(u + v)/du = 1
                foreach (var t in a.Terms)
                    if (DependsOn(t, varying)) yield return (t, Expr.One);
                break;
            case Mul m:
                // d(u v w)/du = v w
                for (int i = 0; i < m.Factors.Length; i++)
                    if (DependsOn(m.Factors[i], varying))
                        yield return (m.Factors[i], Expr.Mul(m.Factors.Where((_, j) => j != i)));
                break;
            case Pow p:
                // d(b^e)/db = e b^(e-1); d(b^e)/de = b^e log(b)
                if (DependsOn(p.Base, varying))
                    yield return (p.Base, Expr.Mul(p.Exponent, Expr.Pow(p.Base, Expr.Sub(p.Exponent, Expr.One))));
                // 0^e is 0 wherever it is defined (e > 0), so it has no derivative in e, as in the differentiator
                if (DependsOn(p.Exponent, varying) && p.Base is not Number { IsZero: true })
                    yield return (p.Exponent, Expr.Mul(p, Expr.Call(Functions.Functions.Log, p.Base)));
                break;
            case Call c:
                for (int i = 0; i < c.Arguments.Length; i++)
                    if (DependsOn(c.Arguments[i], varying)) yield return (c.Arguments[i], LocalPartial(c, i));
                break;
            case Derivative d:
                throw new SymbolicException($"cannot compile the derivative of an undefined function: {d}");
        }
    }

    /// <summary>d f(u_1..u_n) / d u_i as an expression of the arguments: the function table's rule.</summary>
    private static Expr LocalPartial(Call c, int i)
    {
        if (c.Function.IsUndefined)
            throw new SymbolicException($"cannot compile the undefined function '{c.Function.Name}'");
        return c.Function.Partial(c.Arguments, i);
    }

    private static LinqExpr Times(ParameterExpr bar, Expr partial, LinqEmitter emitter) =>
        partial is Number { IsOne: true } ? bar : LinqExpr.Multiply(bar, emitter.Emit(partial));

    private static bool DependsOn(Expr e, HashSet<Symbol> varying)
    {
        foreach (var s in e.FreeSymbols)
            if (varying.Contains(s)) return true;
        return false;
    }

    /// <summary>
    /// Arguments a of sigmoid or softplus calls whose negation u = -a is the argument of another such call
    /// (a log loss has softplus(z) and softplus(-z)), each mapped to that u: the sweep sends a's adjoint to u
    /// negated. Of each pair, the argument met first keeps its own adjoint.
    /// </summary>
    private static Dictionary<Expr, Expr> NegatedLogisticArguments(Expr f, HashSet<Symbol> varying)
    {
        var arguments = new List<Expr>();
        var seen = new HashSet<Expr>();
        foreach (var node in TopologicalOrder(f, varying, null))
            if (node is Call { Arguments.Length: 1 } c && (c.Function == Functions.Functions.Sigmoid || c.Function == Functions.Functions.Softplus)
                && seen.Add(c.Argument))
                arguments.Add(c.Argument);
        var partner = new Dictionary<Expr, Expr>();
        foreach (var a in arguments)
        {
            if (partner.ContainsKey(a)) continue;
            var negated = Expr.Neg(a);
            if (!ReferenceEquals(negated, a) && seen.Contains(negated) && !partner.ContainsKey(negated)) partner[negated] = a;
        }
        return partner;
    }

    /// <summary>The distinct nodes that depend on a variable, children before parents (explicit stack).</summary>
    internal static List<Expr> TopologicalOrder(Expr root, HashSet<Symbol> varying) => TopologicalOrder(root, varying, null);

    /// <summary>
    /// The topological order with the arguments redirected by <paramref name="negatedPartner"/>: a call whose
    /// argument's adjoint goes to the partner comes after the partner, so the partner's adjoint is complete
    /// when the sweep reaches it.
    /// </summary>
    private static List<Expr> TopologicalOrder(Expr root, HashSet<Symbol> varying, Dictionary<Expr, Expr>? negatedPartner)
    {
        var order = new List<Expr>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, bool Ready)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, ready) = stack.Pop();
            if (ready)
            {
                order.Add(node);
                continue;
            }
            if (!seen.Add(node) || !DependsOn(node, varying)) continue;
            stack.Push((node, true));
            foreach (var child in node.Children)
                if (!seen.Contains(child)) stack.Push((child, false));
            if (negatedPartner is not null && node is Call c && c.Arguments.Length == 1
                && negatedPartner.TryGetValue(c.Arguments[0], out var partner) && !seen.Contains(partner))
                stack.Push((partner, false));
        }
        return order;
    }
}
