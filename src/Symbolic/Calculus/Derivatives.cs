using Symbolic.Linear;

namespace Symbolic.Calculus;

/// <summary>Gradients, Jacobians and Hessians.</summary>
public static class Derivatives
{
    /// <summary>
    /// The gradient of <paramref name="e"/> with respect to <paramref name="variables"/>. For a sum,
    /// each term is differentiated only by the variables it contains, so the cost grows with the size
    /// of the sum rather than with its size times the number of variables.
    /// </summary>
    public static Expr[] Gradient(Expr e, IReadOnlyList<Symbol> variables)
    {
        ArgumentNullException.ThrowIfNull(e);
        Guard.NoNulls(variables);
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < variables.Count; i++) index.TryAdd(variables[i], i);
        var partials = new List<Expr>?[variables.Count];
        IEnumerable<Expr> terms = e is Add a ? a.Terms : [e];
        var context = ComputeContext.Current;
        int visited = 0;
        foreach (var term in terms)
        {
            if ((++visited & 255) == 0) context.ThrowIfStopped();
            foreach (var s in term.FreeSymbols)
            {
                if (!index.TryGetValue(s, out int i)) continue;
                (partials[i] ??= new()).Add(Differentiator.Diff(term, s));
            }
        }
        var result = new Expr[variables.Count];
        for (int i = 0; i < variables.Count; i++)
            result[i] = partials[index[variables[i]]] is { } list ? Expr.Add(list) : Expr.Zero;
        return result;
    }

    /// <summary>J[i, j] = d f_i / d x_j.</summary>
    public static ExprMatrix Jacobian(IReadOnlyList<Expr> functions, IReadOnlyList<Symbol> variables)
    {
        Guard.NoNulls(functions);
        Guard.NoNulls(variables);
        var rows = functions.Select(f => Gradient(f, variables)).ToArray();
        return ExprMatrix.Create(functions.Count, variables.Count, (i, j) => rows[i][j]);
    }

    /// <summary>H[i, j] = d^2 e / d x_i d x_j; each mixed partial is computed once and mirrored.</summary>
    public static ExprMatrix Hessian(Expr e, IReadOnlyList<Symbol> variables)
    {
        ArgumentNullException.ThrowIfNull(e);
        Guard.NoNulls(variables);
        int n = variables.Count;
        var g = Gradient(e, variables);
        var h = new Expr[n, n];
        for (int i = 0; i < n; i++)
        {
            var rest = variables.Skip(i).ToArray();
            var row = Gradient(g[i], rest);
            for (int k = 0; k < rest.Length; k++) h[i, i + k] = h[i + k, i] = row[k];
        }
        return ExprMatrix.FromArray(h);
    }

    /// <summary>The free symbols of <paramref name="exprs"/> in alphabetical (natural) order.</summary>
    public static Symbol[] FreeSymbols(params Expr[] exprs) => SymbolSet.Union(exprs).ToArray();
}
