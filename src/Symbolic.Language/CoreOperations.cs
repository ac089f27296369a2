using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Linear;
using Symbolic.Printing;
using Symbolic.Syntax;

namespace Symbolic.Language;

/// <summary>
/// The operations every session starts with: algebra (<c>simplify</c>, <c>subs</c>, <c>eval</c>, ...),
/// calculus (<c>diff</c>, <c>grad</c>, <c>taylor</c>, <c>steps</c>, ...), linear algebra and <c>latex</c>.
/// Each is one entry: name, forms, description, examples (run by the tests) and handler.
/// </summary>
public static class CoreOperations
{
    /// <summary>Adds the core operations to <paramref name="table"/>.</summary>
    public static void Register(OperationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);

        // ---- algebra
        table.Add(new OperationDef("simplify", "algebra", "the smallest equivalent form", c => ElementWise(c.Arg(0), Simplifier.Simplify))
        {
            Forms = ["e"],
            Examples = [new("simplify(x/(x^2 + x))", "1/(x + 1)"), new("simplify(sin(x)^2 + cos(x)^2)", "1")],
        });
        table.Add(new OperationDef("expand", "algebra", "multiply out products and integer powers", c => ElementWise(c.Arg(0), Expander.Expand))
        {
            Forms = ["e"],
            Examples = [new("expand((x + 1)^3)", "x^3 + 3*x^2 + 3*x + 1"), new("expand((a - b)*(a + b))", "a^2 - b^2")],
        });
        table.Add(new OperationDef("subs", "algebra", "exact substitution of values for variables", Subs)
        {
            Forms = ["e, x = v, ...", "e, x, v"],
            ChecksOwnArguments = true,
            Examples = [new("subs(x^2 + y, x = 3)", "y + 9"), new("subs(x^2 + y, x = y + 1, y = 2)", "(y + 1)^2 + 2")],
        });
        table.Add(new OperationDef("eval", "algebra", "the value in floating point at a point", Eval)
        {
            Forms = ["e, x = v, ...", "e, x, v"],
            ChecksOwnArguments = true,
            Examples = [new("eval(sqrt(x), x = 2)", "1.4142135623730951"), new("eval(1/x, x = 0)", "Infinity")],
        });
        table.Add(new OperationDef("N", "algebra", "the expression with its numbers in floating point", c => ElementWise(c.Arg(0), Numeric.N))
        {
            Forms = ["e"],
            Examples = [new("N(pi/4)", "0.7853981633974483"), new("N(sqrt(2)*x)", "1.4142135623730951*x")],
        });

        // ---- calculus
        table.Add(new OperationDef("diff", "calculus", "the derivative; an order follows its variable", Diff)
        {
            Forms = ["e", "e, x", "e, x, n", "e, x, y, ..."],
            Examples = [new("diff(x^3, x)", "3*x^2"), new("diff(x*exp(x), x, 2)", "x*exp(x) + 2*exp(x)"), new("diff(0.8y^4, y)", "3.2*y^3")],
        });
        table.Add(new OperationDef("grad", "calculus", "the gradient (by the free symbols in alphabetical order when none are given)", c =>
        {
            var e = c.ExprArg(0, "a scalar expression");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(e);
            return new MatrixValue(ExprMatrix.Vector(Derivatives.Gradient(e, vars)));
        })
        {
            Forms = ["e", "e, [x, y]"],
            Examples = [new("grad(3x^2*y^3)", "[6*x*y^3, 9*x^2*y^2]"), new("grad(x^2 + x*y, [x, y])", "[2*x + y, x]")],
        });
        table.Add(new OperationDef("jacobian", "calculus", "the Jacobian matrix of a vector of expressions", c =>
        {
            var fs = c.ExprListArg(0, "a vector of expressions such as [f, g]");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(fs);
            return new MatrixValue(Derivatives.Jacobian(fs, vars));
        })
        {
            Forms = ["[f, g]", "[f, g], [x, y]"],
            Examples = [new("jacobian([x^2*y, 5x + sin(y)], [x, y])", "[[2*x*y, x^2], [5, cos(y)]]"), new("jacobian([x*y, x + y])", "[[y, x], [1, 1]]")],
        });
        table.Add(new OperationDef("hessian", "calculus", "the Hessian matrix (by the free symbols when none are given)", c =>
        {
            var e = c.ExprArg(0, "a scalar expression");
            var vars = c.Count == 2 ? c.SymbolListArg(1) : Derivatives.FreeSymbols(e);
            return new MatrixValue(Derivatives.Hessian(e, vars));
        })
        {
            Forms = ["e", "e, [x, y]"],
            Examples = [new("hessian(3x^2 + 2x*y + 3y^2)", "[[6, 2], [2, 6]]"), new("hessian(x^3*y, [x, y])", "[[6*x*y, 3*x^2], [3*x^2, 0]]")],
        });
        table.Add(new OperationDef("taylor", "calculus", "the Taylor polynomial of degree n about a (total degree in several variables)", Taylor)
        {
            Forms = ["e, x, a, n", "e, [x, y], [a, b], n"],
            Examples = [new("taylor(exp(x), x, 0, 4)", "1 + x + x^2/2 + x^3/6 + x^4/24"), new("taylor(log(x), x, 1, 3)", "(x - 1) - (x - 1)^2/2 + (x - 1)^3/3"),
                new("taylor(exp(x)*sin(y), [x, y], [0, 0], 2)", "y + x*y")],
        });
        table.Add(new OperationDef("steps", "calculus", "the derivation of a derivative, one rule per line, then its value", Steps)
        {
            Forms = ["diff(e, x)", "e, x"],
            ChecksOwnArguments = true,
            Examples = [new("steps(diff(x^2, x))", "d/dx [x^2]\n  = 2*x    (power rule)\n2*x"), new("steps(sin(x^2), x)", "d/dx [sin(x^2)]\n  = cos(x^2)*d/dx [x^2]    (trig rule, chain rule)\n    d/dx [x^2] = 2*x       (power rule)\n  = cos(x^2)*(2*x)\n  = 2*x*cos(x^2)           (simplify)\n2*x*cos(x^2)")],
        });

        // ---- linear algebra
        table.Add(new OperationDef("transpose", "linear algebra", "the transposed matrix", c => new MatrixValue(MatrixArg(c).Transpose()))
        {
            Forms = ["M"],
            Examples = [new("transpose([[1, 2], [3, 4]])", "[[1, 3], [2, 4]]"), new("transpose([1, 2, 3])", "[[1, 2, 3]]")],
        });
        table.Add(new OperationDef("det", "linear algebra", "the determinant", c => new ExprValue(LinearAlgebra.Determinant(MatrixArg(c))))
        {
            Forms = ["M"],
            Examples = [new("det([[4, -1], [-1, 6]])", "23"), new("det([[a, b], [c, d]])", "a*d - b*c")],
        });
        table.Add(new OperationDef("inverse", "linear algebra", "the inverse matrix", c => new MatrixValue(LinearAlgebra.Inverse(MatrixArg(c))))
        {
            Forms = ["M"],
            Examples = [new("inverse([[4, -1], [-1, 6]])", "[[6/23, 1/23], [1/23, 4/23]]"), new("inverse([[a, 0], [0, b]])", "[[1/a, 0], [0, 1/b]]")],
        });
        table.Add(new OperationDef("eigenvalues", "linear algebra", "the eigenvalues, exact where possible",
            c => new MatrixValue(ExprMatrix.Vector(LinearAlgebra.Eigenvalues(MatrixArg(c)))))
        {
            Forms = ["M"],
            Examples = [new("eigenvalues([[4, -1], [-1, 6]])", "[5 - sqrt(2), 5 + sqrt(2)]"), new("eigenvalues([[2, 0], [0, 3]])", "[2, 3]")],
        });

        // ---- output
        table.Add(new OperationDef("latex", "output", "the expression, vector or matrix in LaTeX", c =>
        {
            var value = c.Arg(0);
            return new TextValue(value switch
            {
                ExprValue e => LatexPrinter.Print(e.Expr, c.Decimals),
                MatrixValue m => MatrixLatex(m.Matrix, c.Decimals),
                var v => throw c.Error(0, $"cannot write {v.KindWithArticle} in LaTeX"),
            });
        })
        {
            Forms = ["e"],
            Examples = [new("latex(diff(x*exp(x), x))", "x e^{x} + e^{x}"), new("latex([[1, x], [x^2, sqrt(x)]])", @"\begin{bmatrix} 1 & x \\ x^{2} & \sqrt{x} \end{bmatrix}")],
        });
    }

    /// <summary><paramref name="f"/> applied to an expression, or to each entry of a vector or matrix.</summary>
    public static Value ElementWise(Value v, Func<Expr, Expr> f) => v switch
    {
        ExprValue e => new ExprValue(f(e.Expr)),
        MatrixValue m => new MatrixValue(m.Matrix.Map(f)),
        _ => throw new SymbolicException($"expected an expression, vector or matrix, got {v.KindWithArticle}"),
    };

    private static ExprMatrix MatrixArg(OperationCall c) =>
        c.Arg(0) is MatrixValue m ? m.Matrix : throw c.Error(0, $"expected a matrix, got {c.Arg(0).KindWithArticle}");

    private static Value Taylor(OperationCall c)
    {
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
        if (c.Arg(0) is ExprValue scalar)
        {
            var polynomial = Calculus.Taylor.Polynomial(scalar.Expr, vars, point, n);
            return new ExprValue(polynomial.Value, taylor: polynomial);
        }
        var matrix = ((MatrixValue)c.Arg(0)).Matrix;
        var polynomials = matrix.Elements.Select(e => Calculus.Taylor.Polynomial(e, vars, point, n)).ToList();
        int k = 0;
        return new MatrixValue(matrix.Map(_ => polynomials[k++].Value), taylor: polynomials);
    }

    // steps(diff(e, x)) or steps(e, x): reads the argument's syntax, so diff is not evaluated first.
    // diff(e, x, 2) and diff(e, x, y) show the steps of each successive derivative (at most 10).
    private static Value Steps(OperationCall c)
    {
        const string usage = "steps expects diff(e, x)";
        c.AllowNamed();
        // its lines come before the statement's value, so inside another call they would print out of place
        if (!c.IsWholeStatement)
            throw new SymbolicException("steps prints a derivation and must be a statement of its own; inside another expression use diff", c.Span);
        var diff = c.Count == 1 && c.SyntaxAt(0) is CallSyntax { Name.Name: "diff", Arguments.Length: > 0 } inner ? inner
            : c.Count >= 2 ? c.Syntax
            : throw (c.Count == 0 ? new SymbolicException(usage, c.Span) : c.Error(0, usage));
        var first = diff.Arguments[0];
        var target = c.Evaluate(first.Value) is ExprValue ev ? ev.Expr
            : throw new SymbolicException("steps works on a scalar expression", first.Span);
        if (diff.Arguments.Length == 1 && target.FreeSymbols.Count != 1) throw c.Error(0, usage + ": name the variable");
        var variables = DiffVariables(diff, c.Evaluate, target.FreeSymbols, maxOrder: 10);
        if (variables.Count > 10) throw c.Error(0, "steps shows at most 10 successive derivatives");
        var lines = Calculus.Steps.Derive(target, variables, out var result);
        foreach (var line in lines) c.WriteLine(line);
        return new ExprValue(result);
    }

    /// <summary>The <c>x = v</c> pairs of subs and eval (also <c>subs(e, x, v)</c>).</summary>
    private static Dictionary<Symbol, Expr> Replacements(OperationCall c)
    {
        var map = new Dictionary<Symbol, Expr>();
        if (c.Count == 3)
        {
            map[c.SymbolArg(1)] = c.ExprArg(2, "a value");
            return map;
        }
        if (c.Count != 1)
            throw new SymbolicException($"{c.Name} takes the expression and then named values, as in {c.Operation.Usage}", c.Span);
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
        var map = Replacements(c);
        return ElementWise(c.Arg(0), e => Substitution.Substitute(e, map));
    }

    private static Value Eval(OperationCall c)
    {
        var map = Replacements(c);
        foreach (var s in map.Keys.ToList()) map[s] = Numeric.N(map[s]);
        if (c.Arg(0) is MatrixValue m && EvaluateCompiled(m.Matrix, map) is { } values) return new MatrixValue(values, m.Decimals);
        return ElementWise(c.Arg(0), e => Numeric.N(Substitution.Substitute(Stable(e, map), map)));
    }

    // When every symbol gets a value the result is a number: evaluate the forms that do not overflow
    // (log(sigmoid(-1000)) is -1000, not log(0)). They are rewritten before substitution, because floats
    // fold as soon as they are substituted. A result that keeps symbols keeps the form the user wrote.
    private static Expr Stable(Expr e, Dictionary<Symbol, Expr> map) =>
        e.FreeSymbols.All(map.ContainsKey) ? StableForms.Rewrite(e) : e;

    /// <summary>
    /// A vector or matrix whose every symbol gets a number is evaluated by one compiled function: the entries'
    /// common subexpressions (the parts a gradient or Hessian shares) are computed once. Null when some entry
    /// keeps a symbol or cannot be compiled (an undefined function); N then evaluates entry by entry.
    /// </summary>
    private static bool HasUndefinedFunction(Expr e)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Derivative or Call { Function.IsUndefined: true }) return true;
            foreach (var child in node.Children)
                if (seen.Add(child)) stack.Push(child);
        }
        return false;
    }

    private static ExprMatrix? EvaluateCompiled(ExprMatrix m, Dictionary<Symbol, Expr> map)
    {
        var entries = m.Elements.ToArray();
        var names = new List<string>();
        var point = new List<double>();
        foreach (var s in SymbolSet.Union(entries))
        {
            if (!map.TryGetValue(s, out var v) || v is not Number n) return null;
            names.Add(s.Name);
            point.Add(n.Value);
        }
        if (entries.Any(HasUndefinedFunction)) return null;
        var values = new double[entries.Length];
        Expr.CompileVector(entries, names, []).Values(point.ToArray(), values);
        int k = 0;
        return m.Map(_ => Expr.Float(values[k++])); // Map visits the entries in row-major order, keeping a vector a vector
    }

    private static Value Diff(OperationCall c)
    {
        var target = c.Arg(0);
        var free = target switch
        {
            ExprValue e => e.Expr.FreeSymbols,
            MatrixValue m => SymbolSet.Union(m.Matrix.Elements.ToList()),
            _ => SymbolSet.Empty,
        };
        var variables = DiffVariables(c.Syntax, c.Evaluate, free, maxOrder: ComputeContext.Current.Limits.MaxDerivativeOrder);
        return ElementWise(target, e => variables.Aggregate(e, Differentiator.Diff));
    }

    /// <summary>The variables of <c>diff(e, x, y, 2, z)</c>, by the rule the binder reads them with (<see cref="SyntaxReading.DiffVariables"/>).</summary>
    internal static List<Symbol> DiffVariables(CallSyntax diff, Func<ExprSyntax, Value> evaluate, SymbolSet free, int maxOrder) =>
        SyntaxReading.DiffVariables(diff, arg => evaluate(arg) switch
        {
            ExprValue e => (e.Expr, ""),
            var other => (null, other.KindWithArticle),
        }, free, maxOrder);

    private static string MatrixLatex(ExprMatrix m, bool decimals)
    {
        var rows = Enumerable.Range(0, m.Rows)
            .Select(i => string.Join(" & ", Enumerable.Range(0, m.Columns).Select(j => LatexPrinter.Print(m[i, j], decimals))));
        return @"\begin{bmatrix} " + string.Join(@" \\ ", rows) + @" \end{bmatrix}";
    }
}
