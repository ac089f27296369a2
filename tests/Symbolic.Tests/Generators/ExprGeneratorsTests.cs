using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Printing;

namespace Symbolic.Tests.Generators;

public class ExprGeneratorsTests
{
    private static readonly Type[] NodeKinds =
        [typeof(Number), typeof(Symbol), typeof(Constant), typeof(Add), typeof(Mul), typeof(Pow), typeof(Call), typeof(Derivative)];

    [Fact]
    public void Expression_500Samples_ContainEveryNodeKind()
    {
        var kinds = new HashSet<Type>();
        foreach (var e in ExprGenerators.Expression().Sample(500, 60))
            foreach (var node in Nodes(e))
                kinds.Add(node.GetType());

        Assert.Equal(NodeKinds.OrderBy(t => t.Name), kinds.OrderBy(t => t.Name));
    }

    [Fact]
    public void Expression_500Samples_TopLevelHasEveryCompoundKind()
    {
        var kinds = ExprGenerators.Expression().Sample(500, 60).Select(e => e.GetType()).ToHashSet();

        Assert.Superset(new HashSet<Type> { typeof(Add), typeof(Mul), typeof(Pow), typeof(Call), typeof(Symbol) }, kinds);
    }

    [Fact]
    public void Expression_ExactByDefault_FloatsOnRequest()
    {
        Assert.All(ExprGenerators.Expression().Sample(300, 60), e =>
            Assert.DoesNotContain(Nodes(e), n => n is Number { IsExact: false }));
        Assert.Contains(ExprGenerators.Expression(floats: true).Sample(500, 60), e => Nodes(e).Any(n => n is Number { IsExact: false }));
    }

    // The collectors switch from a linear scan to a dictionary past 8 distinct terms and 16 distinct
    // bases; the generator must reach both, not only build them and have them collapse.
    [Fact]
    public void Expression_500Samples_ReachTheCollectorsDictionaryPaths()
    {
        var nodes = ExprGenerators.Expression().Sample(500, 60).SelectMany(Nodes).ToList();
        int longSums = nodes.Count(n => n is Add a && a.Terms.Length > 8);
        int longProducts = nodes.Count(n => n is Mul m && m.Factors.Length > 16);
        Assert.True(longSums >= 40, $"{longSums} sums of more than 8 terms");
        Assert.True(longProducts >= 2, $"{longProducts} products of more than 16 factors");
    }

    [Fact]
    public void Expression_500Samples_ShareSubtrees()
    {
        // A tree walk meets a shared compound subtree at each use; the graph has it once.
        int shared = ExprGenerators.Expression().Sample(500, 60).Count(e =>
            Nodes(e).Where(n => n.Children.Length > 0).GroupBy(n => n, ReferenceEqualityComparer.Instance).Any(g => g.Count() > 1));
        Assert.True(shared >= 100, $"{shared} of 500 expressions share a subtree");
    }

    [Fact]
    public void Expression_KinkFunctions_AreDrawnLessOftenThanSmoothOnes()
    {
        var calls = ExprGenerators.Expression().Sample(1000, 60).SelectMany(Nodes).OfType<Call>()
            .Where(c => !c.Function.IsUndefined).GroupBy(c => c.Function.Name).ToDictionary(g => g.Key, g => g.Count());
        double PerFunction(bool kink)
        {
            var names = Functions.Functions.All.Where(f => f.Arity == 1 && Support.NumericCheck.KinkFunctions.Contains(f.Name) == kink).ToList();
            return names.Sum(f => calls.GetValueOrDefault(f.Name)) / (double)names.Count;
        }
        double kinks = PerFunction(kink: true), smooth = PerFunction(kink: false);
        Assert.True(kinks > 0 && kinks < 0.75 * smooth, $"calls per kink function {kinks:F0}, per smooth function {smooth:F0}");
    }

    [Fact]
    public void Print_GeneratedExpressions_NeverThrowsNorEmpty()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(floats: true), e =>
                InfixPrinter.Print(e).Length > 0 && LatexPrinter.Print(e).Length > 0)
            .Check(Checks.Quick.WithMaxTest(500));
    }

    // A polynomial with integer coefficients, as its expansion shows: its canonical form may hold a monic sum
    // factor with fractions, 2*(x + 3/2) for 2*x + 3.
    [Fact]
    public void Polynomial_HasNoFunctionsDivisionsOrFractions()
    {
        Prop.ForAll(ExprGenerators.PolynomialArbitrary(), e => Nodes(Symbolic.Algebra.Expander.Expand(e)).All(n => n switch
            {
                Number num => num.IsInteger,
                Pow p => p.Exponent is Number { IsInteger: true } k && k.Exact.Sign > 0,
                Symbol or Add or Mul => true,
                _ => false,
            }))
            .Check(Checks.Quick.WithMaxTest(300));
    }

    [Fact]
    public void Shrink_GivesOnlySmallerCandidates()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(), e => ExprGenerators.Shrink(e).Take(50).All(c =>
                c.Size < e.Size || c.Size == 1 && e.Size == 1 && !ReferenceEquals(c, e)))
            .Check(Checks.Quick.WithMaxTest(200));
    }

    [Fact]
    public void Shrink_FailingProperty_ReportsSmallCounterexample()
    {
        // "no expression mentions sin" fails; the shrunk counterexample should be about as small as sin(x).
        var ex = Assert.ThrowsAny<Exception>(() =>
            Prop.ForAll(ExprGenerators.Arbitrary(), e => !Nodes(e).Any(n => n is Call { Function.Name: "sin" }))
                .Check(Checks.Quick.WithMaxTest(2000)));
        Assert.Matches(@"^sin\((x|y|z|-?\d+(\.\d+)?|-?\d+/\d+|pi|e)\)$", Counterexample(ex.Message));
    }

    // FsCheck reports "Original:" and, when it could shrink, "Shrunk:", each followed by the value's line.
    private static string Counterexample(string message)
    {
        int at = message.LastIndexOf("Shrunk:", StringComparison.Ordinal);
        if (at < 0) at = message.LastIndexOf("Original:", StringComparison.Ordinal);
        Assert.True(at >= 0, message);
        return message[at..].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[1];
    }

    internal static IEnumerable<Expr> Nodes(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.TryPop(out var e))
        {
            yield return e;
            foreach (var c in e.Children) stack.Push(c);
        }
    }
}
