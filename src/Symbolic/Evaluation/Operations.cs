using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Linear;
using Symbolic.Printing;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>An operation of the language (<c>diff</c>, <c>subs</c>, <c>det</c>, ...): a name, a usage line and a handler.</summary>
internal sealed record Operation(string Name, string Usage, Func<OperationCall, Value> Handler)
{
    public Value Invoke(OperationCall call) => Handler(call);
}

/// <summary>
/// The operations of the language, in one table. Unlike the elementary functions in
/// <see cref="Functions.Functions"/>, operations act on whole expressions, vectors and matrices,
/// take options and may print extra lines.
/// </summary>
internal static class Operations
{
    private static readonly Dictionary<string, Operation> Table = new(StringComparer.Ordinal);

    static Operations()
    {
        // ---- algebra
        Add("simplify", "simplify(e)", c => { c.ExpectCount(1, 1, "simplify(e)"); c.AllowNamed(); return ElementWise(c.Arg(0), Simplifier.Simplify); });
        Add("expand", "expand(e)", c => { c.ExpectCount(1, 1, "expand(e)"); c.AllowNamed(); return ElementWise(c.Arg(0), Expander.Expand); });
        Add("subs", "subs(e, x = v, ...)", Subs);
        Add("eval", "eval(e, x = v, ...)", Eval);
        Add("N", "N(e)", c => { c.ExpectCount(1, 1, "N(e)"); c.AllowNamed(); return ElementWise(c.Arg(0), Numeric.N); });
        Add("latex", "latex(e)", c =>
        {
            c.ExpectCount(1, 1, "latex(e)");
            c.AllowNamed();
            return new TextValue(c.Arg(0) switch
            {
                ExprValue e => LatexPrinter.Print(e.Expr),
                MatrixValue m => MatrixLatex(m.Matrix),
                var v => throw c.Error(0, $"cannot write {v.KindWithArticle} in LaTeX"),
            });
        });

        // ---- calculus
        Add("diff", "diff(e, x), diff(e, x, n), diff(e, x, y, ...)", Diff);
        Add("grad", "grad(e) or grad(e, [x, y])", c =>
        {
            c.ExpectCount(1, 2, "grad(e) or grad(e, [x, y])");
            c.AllowNamed();
            var e = c.ExprArg(0, "a scalar expression");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(e);
            return new MatrixValue(ExprMatrix.Vector(Derivatives.Gradient(e, vars)));
        });
        Add("jacobian", "jacobian([f, g], [x, y])", c =>
        {
            c.ExpectCount(1, 2, "jacobian([f, g], [x, y])");
            c.AllowNamed();
            var fs = c.ExprListArg(0, "a vector of expressions such as [f, g]");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(fs);
            return new MatrixValue(Derivatives.Jacobian(fs, vars));
        });
        Add("hessian", "hessian(e) or hessian(e, [x, y])", c =>
        {
            c.ExpectCount(1, 2, "hessian(e) or hessian(e, [x, y])");
            c.AllowNamed();
            var e = c.ExprArg(0, "a scalar expression");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(e);
            return new MatrixValue(Derivatives.Hessian(e, vars));
        });
        Add("taylor", "taylor(e, x, a, n) or taylor(e, [x, y], [a, b], n)", c =>
        {
            const string usage = "taylor(e, x, a, n) or taylor(e, [x, y], [a, b], n)";
            c.ExpectCount(4, 4, usage);
            c.AllowNamed();
            if (c.Arg(0) is not (ExprValue or MatrixValue)) throw c.Error(0, $"expected an expression, got {c.Arg(0).KindWithArticle}");
            Symbol[] vars;
            Expr[] point;
            if (c.Arg(1) is MatrixValue)
            {
                vars = c.SymbolListArg(1);
                point = c.ExprListArg(2, "a point such as [a, b]");
                if (c.Arg(2) is not MatrixValue || point.Length != vars.Length)
                    throw c.Error(2, $"the point must have one coordinate per variable: {Functions.Functions.Plural(vars.Length, "variable")}, but {Functions.Functions.Plural(point.Length, "coordinate")}");
            }
            else
            {
                vars = [c.SymbolArg(1, "a variable")];
                point = [c.ExprArg(2, "an expansion point")];
            }
            for (int i = 0; i < point.Length; i++)
                foreach (var x in vars)
                    if (point[i].Contains(x)) throw c.Error(2, $"the expansion point must not depend on the variable {x.Name}");
            int n = c.IntegerArg(3, "the order");
            return ElementWise(c.Arg(0), e => Taylor.Expand(e, vars, point, n));
        });
        // steps(diff(e, x)) or steps(e, x): reads the argument's syntax, so diff is not evaluated first.
        // diff(e, x, 2) and diff(e, x, y) show the steps of each successive derivative (at most 10).
        Add("steps", "steps(diff(e, x)) or steps(e, x)", c =>
        {
            const string usage = "steps expects diff(e, x)";
            c.AllowNamed();
            var diff = c.Count == 1 && c.SyntaxAt(0) is CallSyntax { Name.Name: "diff", Arguments.Length: > 0 } inner ? inner
                : c.Count >= 2 ? c.Syntax
                : throw (c.Count == 0 ? new SymbolicException(usage, c.Syntax.Span) : c.Error(0, usage));
            var first = diff.Arguments[0];
            var target = c.Evaluate(first.Value) is ExprValue ev ? ev.Expr
                : throw new SymbolicException("steps works on a scalar expression", first.Span);
            if (diff.Arguments.Length == 1 && target.FreeSymbols.Count != 1) throw c.Error(0, usage + ": name the variable");
            var variables = DiffVariables(diff, c.Evaluate, target.FreeSymbols, maxOrder: 10);
            if (variables.Count > 10) throw c.Error(0, "steps shows at most 10 successive derivatives");
            var lines = Steps.Derive(target, variables, out var result);
            foreach (var line in lines) c.Session.WriteLine(line);
            return new ExprValue(result);
        });

        // ---- linear algebra
        Add("transpose", "transpose(M)", c => new MatrixValue(MatrixArg(c, "transpose(M)").Transpose()));
        Add("det", "det(M)", c => new ExprValue(LinearAlgebra.Determinant(MatrixArg(c, "det(M)"))));
        Add("inverse", "inverse(M)", c => new MatrixValue(LinearAlgebra.Inverse(MatrixArg(c, "inverse(M)"))));
        Add("eigenvalues", "eigenvalues(M)", c => new MatrixValue(ExprMatrix.Vector(LinearAlgebra.Eigenvalues(MatrixArg(c, "eigenvalues(M)")))));
    }

    public static void Add(string name, string usage, Func<OperationCall, Value> handler) =>
        Table.Add(name, new Operation(name, usage, c => Evaluator.Located(c.Syntax, () => handler(c))));

    public static bool Contains(string name) => Table.ContainsKey(name);

    public static bool TryGet(string name, out Operation operation) => Table.TryGetValue(name, out operation!);

    public static Value ElementWise(Value v, Func<Expr, Expr> f) => v switch
    {
        ExprValue e => new ExprValue(f(e.Expr)),
        MatrixValue m => new MatrixValue(m.Matrix.Map(f)),
        _ => throw new SymbolicException($"expected an expression, vector or matrix, got {v.KindWithArticle}"),
    };

    private static ExprMatrix MatrixArg(OperationCall c, string usage)
    {
        c.ExpectCount(1, 1, usage);
        c.AllowNamed();
        return c.Arg(0) is MatrixValue m ? m.Matrix : throw c.Error(0, $"expected a matrix, got {c.Arg(0).KindWithArticle}");
    }

    /// <summary>The <c>x = v</c> pairs of subs and eval (also <c>subs(e, x, v)</c>).</summary>
    private static Dictionary<Symbol, Expr> Replacements(OperationCall c, string usage)
    {
        var map = new Dictionary<Symbol, Expr>();
        if (c.Count == 3)
        {
            map[c.SymbolArg(1)] = c.ExprArg(2, "a value");
            return map;
        }
        if (c.Count != 1)
            throw new SymbolicException($"{c.Name} takes the expression and then named values, as in {usage}", c.Syntax.Span);
        foreach (var (name, arg) in c.Named)
        {
            if (c.Session.TryGetConstant(name) is not null)
                throw new SymbolicException($"'{name}' is a constant and cannot be substituted", arg.Name!.Span);
            var value = c.Evaluate(arg.Value);
            map[Expr.Symbol(name)] = value is ExprValue e ? e.Expr
                : throw new SymbolicException($"the value of '{name}' must be an expression, got {value.KindWithArticle}", arg.Value.Span);
        }
        return map;
    }

    private static Value Subs(OperationCall c)
    {
        var map = Replacements(c, "subs(e, x = v, ...)");
        return ElementWise(c.Arg(0), e => Substitution.Substitute(e, map));
    }

    private static Value Eval(OperationCall c)
    {
        var map = Replacements(c, "eval(e, x = v, ...)");
        foreach (var s in map.Keys.ToList()) map[s] = Numeric.N(map[s]);
        return ElementWise(c.Arg(0), e => Numeric.N(Substitution.Substitute(e, map)));
    }

    private static Value Diff(OperationCall c)
    {
        c.ExpectCount(1, int.MaxValue, "diff(e, x), diff(e, x, n), diff(e, x, y, ...)");
        c.AllowNamed();
        var target = c.Arg(0);
        var free = target switch
        {
            ExprValue e => e.Expr.FreeSymbols,
            MatrixValue m => SymbolSet.Union(m.Matrix.Elements.ToList()),
            _ => SymbolSet.Empty,
        };
        var variables = DiffVariables(c.Syntax, c.Evaluate, free, maxOrder: 100_000);
        return ElementWise(target, e => variables.Aggregate(e, Differentiator.Diff));
    }

    /// <summary>
    /// The variables of <c>diff(e, x, y, 2, z)</c> in order, each repeated as often as it is taken (an
    /// order follows its variable, as in SymPy). With no variable, the one free symbol of <c>e</c>;
    /// with none at all, <c>x</c>, which makes the derivative of a constant 0.
    /// </summary>
    internal static List<Symbol> DiffVariables(CallSyntax diff, Func<ExprSyntax, Value> evaluate, SymbolSet free, int maxOrder)
    {
        var args = diff.Arguments;
        if (args.FirstOrDefault(a => a.Name is not null) is { } named)
            throw new SymbolicException("diff takes no named arguments", named.Span);
        var variables = new List<Symbol>();
        Symbol? last = null;
        for (int i = 1; i < args.Length; i++)
        {
            var value = evaluate(args[i].Value);
            if (value is ExprValue { Expr: Number n })
            {
                if (last is null) throw new SymbolicException("a derivative order must follow a variable, as in diff(e, x, 2)", args[i].Span);
                if (!n.IsInteger || n.Exact.Sign < 0 || n.Exact.Numerator > maxOrder)
                    throw new SymbolicException($"expected a derivative order (an integer from 0 to {maxOrder}), got '{n}'", args[i].Span);
                variables.RemoveAt(variables.Count - 1);
                variables.AddRange(Enumerable.Repeat(last, (int)n.Exact.Numerator));
                last = null;
            }
            else if (value is ExprValue { Expr: Symbol s })
            {
                variables.Add(s);
                last = s;
            }
            else
            {
                string got = value is ExprValue bad ? $"'{bad.Expr}'" : value.KindWithArticle;
                throw new SymbolicException($"expected a variable to differentiate by (a symbol), got {got}", args[i].Span);
            }
        }
        if (args.Length == 1)
        {
            if (free.Count > 1)
                throw new SymbolicException($"diff needs a variable: the expression depends on {string.Join(", ", free.Select(s => s.Name))}", diff.Span);
            variables.Add(free.Count == 1 ? free[0] : Expr.Symbol("x"));
        }
        return variables;
    }

    private static string MatrixLatex(ExprMatrix m)
    {
        var rows = Enumerable.Range(0, m.Rows)
            .Select(i => string.Join(" & ", Enumerable.Range(0, m.Columns).Select(j => LatexPrinter.Print(m[i, j]))));
        return @"\begin{bmatrix} " + string.Join(@" \\ ", rows) + @" \end{bmatrix}";
    }
}
