using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Functions;
using Symbolic.Printing;
using Symbolic.Tests.Support;
using static Symbolic.Expr;
using LinqExpression = System.Linq.Expressions.Expression;
using Table = Symbolic.Functions.Functions;

namespace Symbolic.Tests.FunctionTable;

/// <summary>
/// Table-driven checks of every entry of the function table, for every arity it accepts: its partial
/// derivatives and the differentiator's result against central finite differences (at sample points
/// away from its kinks), its numeric implementations against each other, its LaTeX, its printed round
/// trip and its help. A new entry is checked by these without a test of its own, and fails
/// <see cref="Latex_EveryEntry_HasAnExpectedForm"/> until its LaTeX is written down here.
/// </summary>
public class FunctionTableTests
{
    private static readonly Symbol[] Args = [Symbol("a"), Symbol("b"), Symbol("c")];

    /// <summary>Argument values: inside the domains of asin, acos and logit, and both signs for the others.</summary>
    private static readonly double[] Samples = [0.3, 0.55, 0.7, -0.4, 1.6, -1.3, 2.5];

    /// <summary>Every entry with every arity it accepts.</summary>
    public static TheoryData<string, int> EntriesAndArities()
    {
        var data = new TheoryData<string, int>();
        foreach (var f in Table.All)
            for (int n = f.MinArity; n <= f.MaxArity; n++) data.Add(f.Name, n);
        return data;
    }

    private static Expr Build(FunctionDef f, int arity) => Table.Apply(f.Name, Args[..arity]);

    /// <summary>Every tuple of sample values of the given length that is a stencil width away from a kink and where f is finite.</summary>
    private static IEnumerable<double[]> SmoothPoints(FunctionDef f, int arity)
    {
        IEnumerable<double[]> tuples = [[]];
        for (int i = 0; i < arity; i++) tuples = tuples.SelectMany(t => Samples.Select(v => (double[])[.. t, v]));
        foreach (var p in tuples)
        {
            if (f.DistanceToKink(p) < 0.1) continue;
            if (!double.IsFinite(f.Compute(p))) continue;
            yield return p;
        }
    }

    private static Dictionary<Symbol, double> At(double[] p) =>
        Enumerable.Range(0, p.Length).ToDictionary(i => Args[i], i => p[i]);

    [Theory]
    [MemberData(nameof(EntriesAndArities))]
    public void Partial_EveryArgument_MatchesFiniteDifferences(string name, int arity)
    {
        var f = Table.Lookup(name)!;
        var e = Build(f, arity);
        var args = Args[..arity].Cast<Expr>().ToImmutableArray();
        int compared = 0;
        foreach (var p in SmoothPoints(f, arity))
        {
            var point = At(p);
            for (int i = 0; i < arity; i++)
            {
                if (FiniteDifference.Estimate(e, Args[i], point) is not { } expected) continue;
                // the entry's partial, and the differentiator's chain rule through whatever the call built
                double partial = Interpreter.Evaluate(f.Partial(args, i), point);
                double derivative = Interpreter.Evaluate(Differentiator.Diff(e, Args[i]), point);
                Assert.True(NumericCheck.Close(expected, partial, 1e-6), $"d{name}/d{Args[i]} at ({string.Join(", ", p)}): partial {partial}, finite difference {expected}");
                Assert.True(NumericCheck.Close(expected, derivative, 1e-6), $"diff({e}, {Args[i]}) at ({string.Join(", ", p)}): {derivative}, finite difference {expected}");
                compared++;
            }
        }
        Assert.True(compared >= 3 * arity, $"{name} with {arity} arguments: only {compared} comparisons reached");
    }

    [Theory]
    [MemberData(nameof(EntriesAndArities))]
    public void Numeric_ComputeMethodCompiledAndInterpreter_Agree(string name, int arity)
    {
        var f = Table.Lookup(name)!;
        var e = Build(f, arity);
        var method = f.MethodFor(arity);
        Assert.NotNull(method);
        Assert.True(method.IsStatic);
        Assert.Equal(arity, method.GetParameters().Length);
        var parameters = Enumerable.Range(0, arity).Select(i => LinqExpression.Parameter(typeof(double), $"a{i}")).ToArray();
        var compiled = LinqExpression.Lambda(f.BuildExpression(parameters), parameters).Compile();
        int compared = 0;
        foreach (var p in SmoothPoints(f, arity))
        {
            double value = f.Compute(p);
            Assert.Equal(value, (double)method.Invoke(null, p.Cast<object>().ToArray())!);
            Assert.Equal(value, (double)compiled.DynamicInvoke(p.Cast<object>().ToArray())!);
            Assert.True(NumericCheck.Close(value, Interpreter.Evaluate(e, At(p)), 1e-12), $"{e} at ({string.Join(", ", p)})");
            compared++;
        }
        Assert.True(compared >= 3, $"{name}: only {compared} sample points");
    }

    [Theory]
    [MemberData(nameof(EntriesAndArities))]
    public void RoundTrip_PrintedCall_ParsesBackToTheSameExpression(string name, int arity)
    {
        var f = Table.Lookup(name)!;
        Expr[] simple = Args[..arity];
        Expr[] composite = [.. Enumerable.Range(0, arity).Select(i => i == 0 ? Parse("x^2 + 1") : Parse($"sin(y) - {i}"))];
        foreach (var args in new[] { simple, composite })
        {
            var e = Table.Apply(name, args);
            Assert.Same(e, Parse(InfixPrinter.Print(e)));
            Assert.Same(e, Parse($"{name}({string.Join(", ", args.Select(InfixPrinter.Print))})"));
        }
        Assert.NotNull(f);
    }

    /// <summary>The LaTeX of f(a) (and of the two-argument form where there is one), per entry.</summary>
    public static readonly Dictionary<string, string[]> ExpectedLatex = new()
    {
        ["abs"] = [@"\left|a\right|"],
        ["acos"] = [@"\arccos\left(a\right)"],
        ["asin"] = [@"\arcsin\left(a\right)"],
        ["atan"] = [@"\arctan\left(a\right)"],
        ["atan2"] = [@"\operatorname{atan2}\left(a, b\right)"],
        ["cos"] = [@"\cos\left(a\right)"],
        ["cosh"] = [@"\cosh\left(a\right)"],
        ["exp"] = [@"e^{a}"],
        ["ln"] = [@"\log\left(a\right)"], // ln(a) builds log(a)
        ["log"] = [@"\log\left(a\right)", @"\frac{\log\left(a\right)}{\log\left(b\right)}"], // log(a, b) builds log(a)/log(b)
        ["logit"] = [@"\operatorname{logit}\left(a\right)"],
        ["relu"] = [@"\operatorname{relu}\left(a\right)"],
        ["sigmoid"] = [@"\sigma\left(a\right)"],
        ["sign"] = [@"\operatorname{sign}\left(a\right)"],
        ["sin"] = [@"\sin\left(a\right)"],
        ["sinh"] = [@"\sinh\left(a\right)"],
        ["softplus"] = [@"\operatorname{softplus}\left(a\right)"],
        ["sqrt"] = [@"\sqrt{a}"],
        ["step"] = [@"\operatorname{step}\left(a\right)"],
        ["tan"] = [@"\tan\left(a\right)"],
        ["tanh"] = [@"\tanh\left(a\right)"],
    };

    [Fact]
    public void Latex_EveryEntry_HasAnExpectedForm()
    {
        foreach (var f in Table.All)
        {
            Assert.True(ExpectedLatex.TryGetValue(f.Name, out var expected), $"no expected LaTeX for '{f.Name}'");
            Assert.Equal(expected.Length, f.MaxArity - f.MinArity + 1);
            for (int n = f.MinArity; n <= f.MaxArity; n++)
                Assert.Equal(expected[n - f.MinArity], LatexPrinter.Print(Build(f, n)));
        }
    }

    [Fact]
    public void Latex_FormsOfTheEntries_ThatNoCanonicalCallReaches()
    {
        // log(x, b) and sqrt(u) never survive as calls, but their entries still say how they would print.
        ImmutableArray<Expr> xb = [Symbol("x"), Symbol("b")];
        Assert.Equal(@"\log_{ 1 }\left( 0 \right)", string.Join(" ", Table.Log.Latex(xb).Pieces));
        Assert.Equal(@"\sqrt{ 0 }", string.Join(" ", Table.SquareRoot.Latex([Symbol("x")]).Pieces));
        Assert.True(Table.Exp.Latex([Symbol("x")]).IsSuperscript);
    }

    [Fact]
    public void Latex_SuperscriptFormAsABase_IsParenthesized()
    {
        // e^{x} binds like a power: its square keeps the exponent apart (exp(x)^2 is built as exp(2x), so use a sum)
        Assert.Equal(@"\left(e^{x} + 1\right)^{2}", LatexPrinter.Print(Parse("(exp(x) + 1)^2")));
        Assert.Equal(@"\left|x\right|^{y}", LatexPrinter.Print(Parse("abs(x)^y"))); // an integer power of abs is rewritten (abs(x)^3 = x^2*abs(x))
        Assert.Equal(@"\operatorname{atan2}\left(x^{2}, \sin\left(y\right)\right)^{2}", LatexPrinter.Print(Parse("atan2(x^2, sin(y))^2")));
    }

    [Fact]
    public void Help_EveryEntry_HasSignatureHelpGroupAndRule()
    {
        var names = new HashSet<string>();
        foreach (var f in Table.All)
        {
            Assert.True(names.Add(f.Name));
            Assert.True(Table.IsBuiltIn(f.Name));
            Assert.Same(f, Table.Lookup(f.Name));
            Assert.StartsWith(f.Name + "(", f.Signature);
            Assert.False(string.IsNullOrWhiteSpace(f.Help), f.Name);
            Assert.DoesNotContain('\n', f.Help);
            Assert.Contains(f.Group, new[] { "elementary", "trigonometric", "hyperbolic", "machine learning", "piecewise" });
            Assert.False(string.IsNullOrWhiteSpace(f.Rule), f.Name);
            Assert.False(f.IsUndefined);
        }
        // every name the REPL's help listed is in the table
        foreach (var name in "sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt abs sign sigmoid softplus relu step".Split(' '))
            Assert.Contains(name, names);
    }

    [Fact]
    public void Smoothness_KinkFunctions_AreKnownNonSmoothAtZero()
    {
        string[] kinked = ["abs", "atan2", "relu", "sign", "step"];
        foreach (var f in Table.All)
            Assert.Equal(kinked.Contains(f.Name), !f.IsSmooth);
        foreach (var name in new[] { "abs", "relu", "sign", "step" })
        {
            var f = Table.Lookup(name)!;
            Assert.Equal(0, f.DistanceToKink([0.0]));
            Assert.Equal(0.5, f.DistanceToKink([-0.5]));
        }
        // atan2 jumps across the negative x axis and has no value at the origin
        var atan2 = Table.Atan2;
        Assert.Equal(0, atan2.DistanceToKink([0.0, -2.0]));
        Assert.Equal(0.25, atan2.DistanceToKink([0.25, -2.0]));
        Assert.Equal(5, atan2.DistanceToKink([3.0, 4.0]));
        Assert.Equal(double.PositiveInfinity, Table.Sin.DistanceToKink([0.0]));
    }

    [Fact]
    public void Arity_OutsideTheRange_IsTheUsersError()
    {
        Assert.Equal("function 'log' takes 1 or 2 arguments, got 3",
            Assert.Throws<SymbolicException>(() => Table.Apply("log", [One, Two, One])).Message);
        Assert.Equal("function 'atan2' takes 2 arguments, got 1",
            Assert.Throws<SymbolicException>(() => Table.Apply("atan2", [One])).Message);
        Assert.Equal("function 'sin' takes 1 argument, got 2",
            Assert.Throws<SymbolicException>(() => Call(Table.Sin, One, Two)).Message);
    }
}

/// <summary>atan2(y, x), the binary function added as one entry, through every path a call takes.</summary>
public class Atan2Tests
{
    private static readonly Symbol X = Symbol("x"), Y = Symbol("y");

    [Theory]
    [InlineData("atan2(0, 1)", "0")]
    [InlineData("atan2(1, 1)", "pi/4")]
    [InlineData("atan2(1, 0)", "pi/2")]
    [InlineData("atan2(-1, 0)", "-pi/2")]
    [InlineData("atan2(0, -1)", "pi")]
    [InlineData("atan2(-1, -1)", "-3*pi/4")]
    [InlineData("atan2(1, -1)", "3*pi/4")]
    [InlineData("atan2(y, 2)", "atan(y/2)")]
    [InlineData("atan2(0, 0)", "atan2(0, 0)")]
    [InlineData("atan2(y, x)", "atan2(y, x)")]
    public void Build_ExactValues(string text, string expected) =>
        Assert.Equal(expected, Parse(text).ToString());

    [Fact]
    public void Build_FloatArguments_GiveTheFloatValue() =>
        Assert.Equal(Math.Atan2(0.5, -2.0), Assert.IsType<Number>(Table.Apply("atan2", [Float(0.5), Number(-2)])).Value);

    [Fact]
    public void Diff_BothArguments_AreTheTablesPartials()
    {
        var e = Parse("atan2(y, x)");
        Assert.Equal("-y/(x^2 + y^2)", Differentiator.Diff(e, X).ToString());
        Assert.Equal("x/(x^2 + y^2)", Differentiator.Diff(e, Y).ToString());
    }

    [Fact]
    public void Diff_ChainRuleOverBothArguments_MatchesFiniteDifferences()
    {
        var e = Parse("atan2(x^2 - y, sin(x) + 2 y)");
        int compared = 0;
        foreach (var p in NumericCheck.Points)
        {
            var point = NumericCheck.At(p);
            foreach (var v in new[] { X, Y })
            {
                if (FiniteDifference.Estimate(e, v, point) is not { } expected) continue;
                Assert.True(NumericCheck.Close(expected, Interpreter.Evaluate(Differentiator.Diff(e, v), point)));
                compared++;
            }
        }
        Assert.True(compared >= 6, $"only {compared} comparisons");
    }

    [Fact]
    public void Evaluate_Interpreter_UsesMathAtan2()
    {
        var e = Parse("atan2(y, x)");
        Assert.Equal(Math.Atan2(-2, -3), Interpreter.Evaluate(e, new Dictionary<Symbol, double> { [X] = -3, [Y] = -2 }));
        Assert.Equal(Math.Atan2(1, 2), ((Number)Numeric.N(Parse("atan2(1, 2)"))).Value, 15);
    }

    [Fact]
    public void Steps_BinaryChainRule_NamesTheEntrysRule()
    {
        var e = Parse("atan2(x^2, sin(x))");
        var lines = Steps.Derive(e, X, out var result);
        Assert.Same(Differentiator.Diff(e, X), result);
        Assert.Equal(
            [
                "d/dx [atan2(x^2, sin(x))]",
                "  = (sin(x)/(x^4 + sin(x)^2))*d/dx [x^2] - (x^2/(x^4 + sin(x)^2))*d/dx [sin(x)]    (atan2 rule, chain rule)",
                "    d/dx [x^2] = 2*x                                             (power rule)",
                "    d/dx [sin(x)] = cos(x)                                       (trig rule)",
                "  = (sin(x)/(x^4 + sin(x)^2))*(2*x) - (x^2/(x^4 + sin(x)^2))*cos(x)",
                "  = 2*x*sin(x)/(x^4 + sin(x)^2) - x^2*cos(x)/(x^4 + sin(x)^2)    (simplify)",
            ],
            lines);
        Assert.Equal(["d/dx [atan2(y, x)]", "  = -y/(x^2 + y^2)    (atan2 rule)"], Steps.Derive(Parse("atan2(y, x)"), X, out _));
    }

    [Fact]
    public void Taylor_SeriesRule_AgreesWithDifferentiation()
    {
        foreach (var (text, at) in new[] { ("atan2(x, 1 + x)", "0"), ("atan2(y, x)", "1"), ("atan2(sin(x), cos(x) - 2)", "1"), ("atan2(x^2 + 1, x)", "0") })
        {
            var e = Parse(text);
            var series = Taylor.Expand(e, X, Parse(at), 5);
            var reference = Taylor.ExpandByDifferentiation(e, [X], [Parse(at)], 5);
            Assert.Same(Symbolic.Algebra.Simplifier.Simplify(reference - series), Zero);
        }
        Assert.Equal("2*x^3/3 - x^2 + x", Taylor.Expand(Parse("atan2(x, 1 + x)"), X, Zero, 4).ToString());
    }

    [Fact]
    public void Taylor_OnTheBranchCut_IsNotAnalytic()
    {
        var ex = Assert.Throws<SymbolicException>(() => Taylor.Expand(Parse("atan2(x, -1)"), X, Zero, 3));
        Assert.Contains("no Taylor expansion", ex.Message);
    }

    [Fact]
    public void Print_LatexAndRoundTrip()
    {
        var e = Parse("atan2(y, x)*x");
        Assert.Equal("x*atan2(y, x)", e.ToString());
        Assert.Same(e, Parse(e.ToString()));
        Assert.Equal(@"x \operatorname{atan2}\left(y, x\right)", LatexPrinter.Print(e));
    }

    [Fact]
    public async Task Repl_BatchDiff_PrintsThePartial()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "symbolic.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("diff(atan2(y, x), x); latex(atan2(y, x)); eval(atan2(y, x), x = -1, y = 0)");
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal("", await stderr);
        Assert.Equal(["-y/(x^2 + y^2)", @"\operatorname{atan2}\left(y, x\right)", "3.141592653589793"],
            (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
        Assert.Equal(0, process.ExitCode);
    }
}

/// <summary>logit(p) = log(p/(1 - p)), the second entry added.</summary>
public class LogitTests
{
    [Theory]
    [InlineData("logit(1/2)", "0")]
    [InlineData("logit(sigmoid(x))", "x")]
    [InlineData("sigmoid(logit(p))", "p")]
    public void Build_Simplifies(string text, string expected) => Assert.Equal(expected, Parse(text).ToString());

    [Fact]
    public void Diff_And_Taylor()
    {
        Assert.Equal("1/(p*(1 - p))", Differentiator.Diff(Parse("logit(p)"), Symbol("p")).ToString());
        Assert.Equal("2*(2*x - 1)^3/3 + 4*x - 2", Taylor.Expand(Parse("logit(x)"), Symbol("x"), Expr.Half, 3).ToString());
        Assert.Throws<SymbolicException>(() => Taylor.Expand(Parse("logit(x)"), Symbol("x"), One, 3));
    }
}
