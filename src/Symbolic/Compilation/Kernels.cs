using System.Linq.Expressions;
using Symbolic.Calculus;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>A compiled value: <c>f(x, p)</c>.</summary>
internal delegate double ValueKernel(double[] x, double[] p);

/// <summary>A compiled value and gradient: returns <c>f(x, p)</c> and writes <c>df/dx</c> into <c>g</c>.</summary>
internal delegate double GradientKernel(double[] x, double[] p, double[] g);

/// <summary>Writes several outputs (Hessian entries, Jacobian entries, values of a vector function) into <c>y</c>.</summary>
internal delegate void OutputKernel(double[] x, double[] p, double[] y);

/// <summary>Hessian-vector product: writes <c>H(x) v</c> into <c>hv</c>.</summary>
internal delegate void DirectionalKernel(double[] x, double[] p, double[] v, double[] hv);

/// <summary>
/// Builds the compiled kernels of a function: the symbolic derivatives are formed first, then all
/// outputs of a kernel are emitted into one body so their common subexpressions are computed once.
/// </summary>
internal static class Kernels
{
    /// <summary>The input map: variable i reads <c>x[i]</c>, parameter j reads <c>p[j]</c>.</summary>
    private static Func<Symbol, LinqExpr?> Inputs(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters,
        ParameterExpression x, ParameterExpression p)
    {
        var map = new Dictionary<Symbol, LinqExpr>();
        for (int j = 0; j < parameters.Count; j++) map[parameters[j]] = LinqExpr.ArrayIndex(p, LinqExpr.Constant(j));
        for (int i = 0; i < variables.Count; i++) map[variables[i]] = LinqExpr.ArrayIndex(x, LinqExpr.Constant(i));
        return s => map.GetValueOrDefault(s);
    }

    public static ValueKernel Value(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var (x, p) = (LinqExpr.Parameter(typeof(double[]), "x"), LinqExpr.Parameter(typeof(double[]), "p"));
        var emitter = new LinqEmitter(Inputs(variables, parameters, x, p));
        emitter.CountUses([f]);
        var value = emitter.Emit(f);
        return LinqExpr.Lambda<ValueKernel>(Block(emitter, value), x, p).Compile();
    }

    public static GradientKernel Gradient(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var gradient = Derivatives.Gradient(f, variables);
        var (x, p, g) = (LinqExpr.Parameter(typeof(double[]), "x"), LinqExpr.Parameter(typeof(double[]), "p"), LinqExpr.Parameter(typeof(double[]), "g"));
        var emitter = new LinqEmitter(Inputs(variables, parameters, x, p));
        emitter.CountUses([f, .. gradient]);
        var value = emitter.Emit(f);
        var result = emitter.Temporary(value);
        for (int i = 0; i < gradient.Length; i++)
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(g, LinqExpr.Constant(i)), emitter.Emit(gradient[i])));
        return LinqExpr.Lambda<GradientKernel>(Block(emitter, result), x, p, g).Compile();
    }

    /// <summary>Writes the row-major n*n Hessian; each mixed partial is computed once and stored twice.</summary>
    public static OutputKernel Hessian(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        int n = variables.Count;
        var h = Derivatives.Hessian(f, variables);
        var (x, p, y) = (LinqExpr.Parameter(typeof(double[]), "x"), LinqExpr.Parameter(typeof(double[]), "p"), LinqExpr.Parameter(typeof(double[]), "y"));
        var emitter = new LinqEmitter(Inputs(variables, parameters, x, p));
        var upper = new List<(int I, int J, Expr E)>();
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                upper.Add((i, j, h[i, j]));
        emitter.CountUses(upper.Select(u => u.E));
        var zero = upper.Any(u => u.E is Number { IsZero: true }) ? LinqExpr.Constant(0.0) : null;
        foreach (var (i, j, e) in upper)
        {
            var code = e is Number { IsZero: true } ? zero! : emitter.Emit(e);
            if (i != j && code is not (ParameterExpression or ConstantExpression)) code = emitter.Temporary(code);
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(y, LinqExpr.Constant(i * n + j)), code));
            if (i != j) emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(y, LinqExpr.Constant(j * n + i)), code));
        }
        return LinqExpr.Lambda<OutputKernel>(Block(emitter, null), x, p, y).Compile();
    }

    /// <summary>
    /// H v without forming H: (H v)_i = sum over the variables x_j that g_i = df/dx_i depends on of
    /// dg_i/dx_j v_j, so the cost follows the Hessian's nonzeros, not n^2.
    /// </summary>
    public static DirectionalKernel HessianVector(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        int n = variables.Count;
        var gradient = Derivatives.Gradient(f, variables);
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < n; i++) index[variables[i]] = i;
        var (x, p, v, hv) = (LinqExpr.Parameter(typeof(double[]), "x"), LinqExpr.Parameter(typeof(double[]), "p"),
            LinqExpr.Parameter(typeof(double[]), "v"), LinqExpr.Parameter(typeof(double[]), "hv"));
        var rows = new List<(Expr Entry, int J)>[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new();
            var vars = gradient[i].FreeSymbols.Where(index.ContainsKey).ToArray();
            var partials = Derivatives.Gradient(gradient[i], vars);
            for (int k = 0; k < vars.Length; k++)
                if (partials[k] is not Number { IsZero: true }) rows[i].Add((partials[k], index[vars[k]]));
        }
        var emitter = new LinqEmitter(Inputs(variables, parameters, x, p));
        emitter.CountUses(rows.SelectMany(r => r.Select(t => t.Entry)));
        for (int i = 0; i < n; i++)
        {
            LinqExpr sum = LinqExpr.Constant(0.0);
            bool first = true;
            foreach (var (entry, j) in rows[i])
            {
                var term = LinqExpr.Multiply(emitter.Emit(entry), LinqExpr.ArrayIndex(v, LinqExpr.Constant(j)));
                sum = first ? term : LinqExpr.Add(sum, term);
                first = false;
            }
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(hv, LinqExpr.Constant(i)), sum));
        }
        return LinqExpr.Lambda<DirectionalKernel>(Block(emitter, null), x, p, v, hv).Compile();
    }

    /// <summary>Writes the values of several expressions into <c>y</c>.</summary>
    public static OutputKernel Values(IReadOnlyList<Expr> fs, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var (x, p, y) = (LinqExpr.Parameter(typeof(double[]), "x"), LinqExpr.Parameter(typeof(double[]), "p"), LinqExpr.Parameter(typeof(double[]), "y"));
        var emitter = new LinqEmitter(Inputs(variables, parameters, x, p));
        emitter.CountUses(fs);
        for (int i = 0; i < fs.Count; i++)
            emitter.Add(LinqExpr.Assign(LinqExpr.ArrayAccess(y, LinqExpr.Constant(i)), emitter.Emit(fs[i])));
        return LinqExpr.Lambda<OutputKernel>(Block(emitter, null), x, p, y).Compile();
    }

    /// <summary>Writes the row-major m*n Jacobian of <paramref name="fs"/> into <c>y</c>.</summary>
    public static OutputKernel Jacobian(IReadOnlyList<Expr> fs, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        var j = Derivatives.Jacobian(fs, variables);
        var entries = new List<Expr>(fs.Count * variables.Count);
        for (int r = 0; r < fs.Count; r++)
            for (int c = 0; c < variables.Count; c++)
                entries.Add(j[r, c]);
        return Values(entries, variables, parameters);
    }

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
        return LinqExpr.Lambda<TDelegate>(Block(emitter, value), ps).Compile();
    }

    private static LinqExpr Block(LinqEmitter emitter, LinqExpr? result)
    {
        var statements = new List<LinqExpr>(emitter.Body);
        statements.Add(result ?? LinqExpr.Empty());
        return LinqExpr.Block(result is null ? typeof(void) : typeof(double), emitter.Locals, statements);
    }
}
