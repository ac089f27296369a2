using System.Reflection;
using NetArchTest.Rules;
using Symbolic.Language;

namespace Symbolic.Tests.Architecture;

/// <summary>
/// The dependency direction of the projects and of the core's namespaces (docs/ARCHITECTURE.md, "Layers").
/// A reference from a lower layer to a higher one, and so any cycle between layers, fails here.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(Expr).Assembly;

    /// <summary>The core's layers, lowest first: a namespace may use only those before it (and the root
    /// namespace, which holds the node set and Expr's facade).</summary>
    public static readonly string[] CoreLayers =
    [
        "Symbolic.Syntax",      // text -> syntax tree (and Symbolic.Syntax.Generated, the ANTLR parser)
        "Symbolic.Functions",   // the function table
        "Symbolic.Evaluation",  // numeric evaluation: Interpreter, N
        "Symbolic.Algebra",     // expand, simplify, substitution, polynomials
        "Symbolic.Printing",    // infix and LaTeX printers
        "Symbolic.Linear",      // matrices, elimination, eigenvalues
        "Symbolic.Calculus",    // derivatives, Jacobian/Hessian, series, steps
        "Symbolic.Compilation", // expressions to delegates: kernels, term loops, reverse and forward mode
    ];

    [Theory]
    [InlineData("Symbolic.Language")]
    [InlineData("symbolic")]
    [InlineData("Symbolic.Numerics")]
    public void Core_ReferencesNoAssemblyAboveIt(string above)
    {
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => string.Equals(a.Name, above, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Language_SitsOnTheCore_AndTheReplOnTheLanguage()
    {
        // (Symbolic.Numerics is a project reference of the language too; the compiler records it once a type of it is used.)
        var language = typeof(Session).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Symbolic.Core", language);
        Assert.DoesNotContain("symbolic", language);
        var repl = typeof(Symbolic.Repl.BatchRunner).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Symbolic.Language", repl);
    }

    [Fact]
    public void EveryCoreNamespace_HasALayer()
    {
        var namespaces = Core.GetTypes().Select(t => t.Namespace).Where(n => n is not null && n.StartsWith("Symbolic", StringComparison.Ordinal)).Distinct();
        foreach (var ns in namespaces)
            Assert.True(ns == "Symbolic" || CoreLayers.Any(l => ns == l || ns!.StartsWith(l + ".", StringComparison.Ordinal)),
                $"namespace {ns} has no place in LayeringTests.CoreLayers; add it where it belongs and to docs/ARCHITECTURE.md");
    }

    /// <summary>
    /// Uses of a higher layer accepted on purpose, each with its reason: (layer, type it may use, why).
    /// Empty: every entry here is a cycle the tests no longer catch, so prefer inverting the dependency.
    /// </summary>
    private static readonly (string Layer, string Type, string Why)[] AllowedUpward = [];

    public static TheoryData<string> Layers() => [.. CoreLayers];

    [Theory]
    [MemberData(nameof(Layers))]
    public void CoreLayer_UsesNoLayerAboveIt(string layer)
    {
        var aboveLayers = CoreLayers.SkipWhile(l => l != layer).Skip(1).ToArray();
        // The types of the layers above, by full name (NetArchTest matches names by prefix, so a namespace
        // would do, but naming types lets AllowedUpward except one).
        var above = Core.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && aboveLayers.Any(l => ns == l || ns.StartsWith(l + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName!)
            .Where(name => !AllowedUpward.Any(a => a.Layer == layer && a.Type == name))
            .ToArray();
        if (above.Length == 0) return;
        var result = Types.InAssembly(Core).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(above).GetResult();
        Assert.True(result.IsSuccessful,
            $"{layer} uses a layer above it ({string.Join(", ", aboveLayers)}): {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Fact]
    public void ErrorsAndNumbers_UseNothingButTheRootNamespace()
    {
        var result = Types.InAssembly(Core).That()
            .HaveName(nameof(SymbolicException), nameof(Diagnostic), nameof(TextSpan), nameof(ErrorCodes), nameof(ComputeContext), nameof(ComputeLimits), nameof(Rational))
            .ShouldNot().HaveDependencyOnAny(CoreLayers).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void NoCoreLayer_UsesTheLanguageLayer()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny("Symbolic.Language", "Symbolic.Repl").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }
}
