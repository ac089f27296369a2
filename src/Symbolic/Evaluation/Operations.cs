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
            IReadOnlyList<ArgumentSyntax> args;
            if (c.Count == 1 && c.SyntaxAt(0) is CallSyntax { Name.Name: "diff" } diffCall) args = diffCall.Arguments;
            else if (c.Count >= 2) args = c.Syntax.Arguments;
            else throw c.Count == 0 ? new SymbolicException(usage, c.Syntax.Span) : c.Error(0, usage);
            if (args.FirstOrDefault(a => a.Name is not null) is { } named)
                throw new SymbolicException("diff takes no named arguments", named.Span);
            if (args.Count == 0) throw c.Error(0, usage);
            var target = c.Evaluate(args[0].Value) is ExprValue ev ? ev.Expr
                : throw new SymbolicException("steps works on a scalar expression", args[0].Span);
            var order = new List<(Symbol Variable, int Times)>();
            for (int i = 1; i < args.Count; i++)
            {
                var value = c.Evaluate(args[i].Value);
                if (value is ExprValue { Expr: Number n })
                {
                    if (order.Count == 0) throw new SymbolicException("a derivative order must follow a variable, as in diff(e, x, 2)", args[i].Span);
                    if (!n.IsInteger || n.Exact.Sign < 0 || n.Exact.Numerator > 10)
                        throw new SymbolicException($"expected a derivative order (an integer from 0 to 10), got '{n}'", args[i].Span);
                    order[^1] = (order[^1].Variable, order[^1].Times - 1 + (int)n.Exact.Numerator);
                }
                else if (value is ExprValue { Expr: Symbol s }) order.Add((s, 1));
                else throw new SymbolicException($"expected a variable to differentiate by (a symbol), got {(value is ExprValue bad ? $"'{bad.Expr}'" : $"{value.KindWithArticle}")}", args[i].Span);
            }
            if (order.Count == 0)
            {
                if (target.FreeSymbols.Count != 1) throw c.Error(0, usage + ": name the variable");
                order.Add((target.FreeSymbols[0], 1));
            }
            var variables = order.SelectMany(o => Enumerable.Repeat(o.Variable, Math.Max(0, o.Times))).ToList();
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

    // diff(e, x, y, 2, z): each variable, optionally followed by how many times (SymPy's convention).
    private static Value Diff(OperationCall c)
    {
        const string usage = "diff(e, x), diff(e, x, n), diff(e, x, y, ...)";
        c.ExpectCount(1, int.MaxValue, usage);
        c.AllowNamed();
        var target = c.Arg(0);
        var steps = new List<(Symbol Variable, int Times)>();
        for (int i = 1; i < c.Count; i++)
        {
            if (c.Arg(i) is ExprValue { Expr: Number })
            {
                if (steps.Count == 0) throw c.Error(i, "a derivative order must follow a variable, as in diff(e, x, 2)");
                steps[^1] = (steps[^1].Variable, steps[^1].Times - 1 + c.IntegerArg(i, "a derivative order"));
            }
            else steps.Add((c.SymbolArg(i, "a variable to differentiate by"), 1));
        }
        if (steps.Count == 0)
        {
            var free = target switch
            {
                ExprValue e => e.Expr.FreeSymbols,
                MatrixValue m => SymbolSet.Union(m.Matrix.Elements.ToList()),
                _ => SymbolSet.Empty,
            };
            if (free.Count > 1)
                throw new SymbolicException($"diff needs a variable: the expression depends on {string.Join(", ", free.Select(s => s.Name))}", c.Syntax.Span);
            if (free.Count == 0) return ElementWise(target, _ => Expr.Zero);
            steps.Add((free[0], 1));
        }
        return ElementWise(target, e =>
        {
            foreach (var (x, n) in steps) e = Differentiator.Diff(e, x, n);
            return e;
        });
    }

    private static string MatrixLatex(ExprMatrix m)
    {
        var rows = Enumerable.Range(0, m.IsVector ? m.Rows : m.Rows)
            .Select(i => string.Join(" & ", Enumerable.Range(0, m.Columns).Select(j => LatexPrinter.Print(m[i, j]))));
        return @"\begin{bmatrix} " + string.Join(@" \\ ", rows) + @" \end{bmatrix}";
    }
}
