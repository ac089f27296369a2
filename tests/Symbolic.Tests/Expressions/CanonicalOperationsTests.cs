using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Symbolic.Printing;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Expressions;

/// <summary>
/// Issue 10, items 1 and 3: every result of every operation is in canonical form. Two checks of that,
/// one through the text and one through the factories: the printed result parses back to the same
/// object (<c>Parse(Print(op(e))) == op(e)</c>), and rebuilding each node of the result from its children
/// through the factories gives that node (no node is one the factories would not build), which is what
/// makes the first check hold for every grouping of the text, not only the one the printer chose.
/// </summary>
public class CanonicalOperationsTests
{
    private static readonly Symbol X = Expr.Symbol("x");

    // Smaller trees than the generators' default: simplify and taylor of depth-4 random expressions
    // are slow, and the shapes that break canonical form already appear at depth 3.
    private static Arbitrary<Expr> Expressions => ExprGenerators.Arbitrary(3, decimals: false);

    public static TheoryData<string> Operations => ["diff", "simplify", "expand", "taylor", "subs"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_RandomExpression_ResultReadsBackAsItself(string operation)
    {
        Prop.ForAll(Expressions, e =>
            {
                if (Apply(operation, e) is not { } result) return true.ToProperty();
                var wrong = NonCanonicalNode(result);
                bool roundTrips = RoundTrips(result);
                return (wrong is null && roundTrips).Label(wrong is null && roundTrips ? "" :
                    $"{operation}({InfixPrinter.Print(e)}) = {InfixPrinter.Print(result)}; read back: {Reparsed(result)}; not canonical: {wrong}");
            })
            .Check(Checks.Quick.WithMaxTest(operation is "simplify" or "taylor" ? 150 : 400));
    }

    [Fact]
    public void Simplify_RandomExpression_IsIdempotent()
    {
        Prop.ForAll(Expressions, e =>
            {
                if (Apply("simplify", e) is not { } once || Guarded(once.Simplify) is not { } twice) return true.ToProperty();
                return ReferenceEquals(once, twice).Label(ReferenceEquals(once, twice) ? "" :
                    $"simplify({InfixPrinter.Print(e)}) = {InfixPrinter.Print(once)}; again: {InfixPrinter.Print(twice)}");
            })
            .Check(Checks.Quick.WithMaxTest(150));
    }

    [Theory]
    // The issue's examples: the internal object differed from its re-parse.
    [InlineData("diff(log((x*x)^(4/3)), x)", "8/(3*x)")]
    [InlineData("diff(log(((y^x)^(3/4))^(1/2)), x)", "3*log(y)/8")]
    public void Diff_IssueExamples_PrintCanonically(string input, string expected)
    {
        var result = Expr.Parse(input).Doit();
        Assert.Equal(expected, InfixPrinter.Print(result));
        Assert.Same(result, Expr.Parse(expected));
    }

    [Theory]
    // A sum factor's leading term has a positive coefficient: the sign lives in the coefficient.
    [InlineData("-(x - 1)*y", "(1 - x)*y")]
    [InlineData("-x*(z + 1)", "x*(-z - 1)")]
    [InlineData("-x^2*s*(s - 1)", "x^2*s*(1 - s)")]
    [InlineData("(1 - x)^2", "(x - 1)^2")]
    [InlineData("-(1 - x)^3", "(x - 1)^3")]
    [InlineData("1/(1 - x)", "-1/(x - 1)")]
    [InlineData("(2 - 2*x)*y", "-2*(x - 1)*y")]
    [InlineData("(y - x)*(x - y)", "-(x - y)^2")]
    public void Mul_SignOfSumFactor_IsNormalized(string a, string b) =>
        Assert.Same(Expr.Parse(b), Expr.Parse(a));

    [Theory]
    // The minus of a product reads from a sum factor when that removes it, never as a double negative.
    [InlineData("-x^2*s*(s - 1)", "s*x^2*(1 - s)")]
    [InlineData("(1 - x)*y", "y*(1 - x)")]
    [InlineData("-x*(z + 1)", "-x*(z + 1)")]
    [InlineData("1/(p*(1 - p))", "1/(p*(1 - p))")]
    [InlineData("-b/(a*d - b*c)", "-b/(a*d - b*c)")]
    [InlineData("a + (1 - x)*y", "a - y*(x - 1)")]
    [InlineData("a - (x + 1)*y", "a - y*(x + 1)")]
    public void Print_NegativeProductWithSumFactor_ReadsNaturally(string input, string expected)
    {
        var e = Expr.Parse(input);
        Assert.Equal(expected, InfixPrinter.Print(e));
        Assert.Same(e, Expr.Parse(expected));
    }

    [Fact]
    public void Simplify_LogLossGradient_IsFactoredAtTheFirstCall()
    {
        var gradient = Expr.Parse("-y*log(sigmoid(w*x + b)) - (1 - y)*log(1 - sigmoid(w*x + b))").Diff("w");
        var once = gradient.Simplify();
        Assert.Equal("x*(sigmoid(w*x + b) - y)", InfixPrinter.Print(once));
        Assert.Same(once, once.Simplify());
        var point = new Dictionary<string, double> { ["w"] = 0.3, ["x"] = -1.7, ["b"] = 0.4, ["y"] = 1 };
        Assert.Equal(gradient.Evaluate(point), once.Evaluate(point), 1e-12);
    }

    /// <summary>The operation's result, or null when the operation refuses the input (a pole for taylor, a limit).</summary>
    private static Expr? Apply(string operation, Expr e) => Guarded(() => operation switch
    {
        "diff" => e.Diff(X),
        "simplify" => e.Simplify(),
        "expand" => e.Expand(),
        "taylor" => e.Taylor("x", 1, 2),
        "subs" => e.Subs(("x", Expr.Parse("1 - y")), ("z", Expr.Parse("2*y"))),
        _ => throw new ArgumentException(operation),
    });

    // Smaller budgets than the defaults: a random input whose simplification would multiply out
    // thousands of terms is skipped (the budget is counted, not timed, so a run is reproducible).
    private static readonly ComputeContext Budget = new(ComputeLimits.Default with
    {
        MaxSimplifierTerms = 2_000,
        MaxTerms = 200_000,
        MaxNumberDigits = 10_000,
    });

    private static Expr? Guarded(Func<Expr> f)
    {
        try
        {
            using var scope = Budget.Enter();
            return f();
        }
        catch (SymbolicException)
        {
            return null;
        }
    }

    private static bool RoundTrips(Expr e) => Guarded(() => Expr.Parse(InfixPrinter.Print(e))) is { } back && ReferenceEquals(back, e);

    private static string Reparsed(Expr e) =>
        Guarded(() => Expr.Parse(InfixPrinter.Print(e))) is { } back ? InfixPrinter.Print(back) : "error";

    private static bool IsFixedPoint(Expr e) => NonCanonicalNode(e) is null;

    /// <summary>The first node (children first) that the factories rebuild into another object, or null.</summary>
    internal static string? NonCanonicalNode(Expr e)
    {
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Expr Node, bool ChildrenDone)>();
        stack.Push((e, false));
        while (stack.Count > 0)
        {
            var (node, done) = stack.Pop();
            if (!done)
            {
                if (!seen.Add(node)) continue;
                stack.Push((node, true));
                foreach (var c in node.Children) stack.Push((c, false));
                continue;
            }
            var rebuilt = Rebuild(node, node.Children);
            if (!ReferenceEquals(rebuilt, node))
                return $"{InfixPrinter.Print(node)} [{Describe(node)}] rebuilds as {InfixPrinter.Print(rebuilt)} [{Describe(rebuilt)}]";
        }
        return null;
    }

    private static Expr Rebuild(Expr node, ImmutableArray<Expr> children) => node switch
    {
        Add => Expr.Add(children),
        Mul => Expr.Mul(children),
        Pow => Expr.Pow(children[0], children[1]),
        Call c => Expr.Call(c.Function, children),
        _ => node,
    };

    private static string Describe(Expr e) => e switch
    {
        Add a => "Add(" + string.Join(", ", a.Terms.Select(Describe)) + ")",
        Mul m => "Mul(" + string.Join(", ", m.Factors.Select(Describe)) + ")",
        Pow p => "Pow(" + Describe(p.Base) + ", " + Describe(p.Exponent) + ")",
        _ => InfixPrinter.Print(e),
    };
}
