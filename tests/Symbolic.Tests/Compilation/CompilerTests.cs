using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Evaluation;
using Symbolic.Tests.Generators;

namespace Symbolic.Tests.Compilation;

public class CompilerTests
{
    private static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y"), Z = Expr.Symbol("z");
    private static readonly double[][] Points = [[0.7, -1.3, 2.1], [-0.4, 0.9, 0.35], [1.9, 0.25, -0.8]];

    [Theory]
    [InlineData("x^2 + 3x*y", 1.0, 2.0, 7.0)]
    [InlineData("x^5 - y^-3", 2.0, 2.0, 31.875)]
    [InlineData("sqrt(x)*y^(3/2)", 4.0, 4.0, 16.0)]
    [InlineData("exp(x)/(1 + exp(x)) - sigmoid(x)", 0.3, 0.0, 0.0)]
    [InlineData("x^y", 2.0, 10.0, 1024.0)]
    public void Value_KnownExpressions_MatchesHandComputed(string text, double x, double y, double expected)
    {
        var fn = Expr.Parse(text).Compile("x", "y");
        Assert.Equal(expected, fn.Value([x, y]), 12);
    }

    [Fact]
    public void ValueAndGradient_Quadratic_GivesExactGradient()
    {
        var fn = Expr.Parse("3x^2 + 2x*y + 3y^2").Compile("x", "y");
        Span<double> g = stackalloc double[2];
        double v = fn.ValueAndGradient([1.0, 2.0], g);
        Assert.Equal(3 + 4 + 12, v);
        Assert.Equal([10.0, 14.0], g.ToArray());
    }

    [Fact]
    public void Hessian_Quadratic_IsConstantAndSymmetric()
    {
        var fn = Expr.Parse("3x^2 + 2x*y + 3y^2").Compile("x", "y");
        var h = new double[4];
        fn.Hessian([5.0, -7.0], h);
        Assert.Equal([6.0, 2.0, 2.0, 6.0], h);
    }

    [Fact]
    public void HessianVectorProduct_Rosenbrock_EqualsHessianTimesVector()
    {
        const int n = 12;
        var f = Rosenbrock(n);
        var fn = f.Compile(Enumerable.Range(1, n).Select(i => $"x{i}").ToArray());
        var rnd = new Random(7);
        var x = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
        var h = new double[n * n];
        fn.Hessian(x, h);
        var hv = new double[n];
        fn.HessianVectorProduct(x, v, hv);
        for (int i = 0; i < n; i++)
        {
            double expected = 0;
            for (int j = 0; j < n; j++) expected += h[i * n + j] * v[j];
            Assert.Equal(expected, hv[i], 1e-9 * (1 + Math.Abs(expected)));
        }
    }

    [Theory]
    [InlineData(12)]   // straight-line code
    [InlineData(60)]   // rerolled into loops over the term shapes
    [InlineData(400)]  // loops, and a rest cut into several methods
    public void Rosenbrock_AllKernels_MatchHandWrittenFormulas(int n)
    {
        var f = Rosenbrock(n);
        var fn = f.Compile(Enumerable.Range(1, n).Select(i => $"x{i}").ToArray());
        var rnd = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();

        double value = 0;
        var g = new double[n];
        var h = new double[n * n];
        for (int i = 0; i < n - 1; i++)
        {
            double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
            value += 100 * t * t + u * u;
            g[i] += -400 * t * x[i] - 2 * u;
            g[i + 1] += 200 * t;
            h[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i * n + i + 1] = h[(i + 1) * n + i] = -400 * x[i];
            h[(i + 1) * n + i + 1] += 200;
        }
        var hvExpected = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                hvExpected[i] += h[i * n + j] * v[j];

        Assert.Equal(value, fn.Value(x), 1e-9 * value);
        var gc = new double[n];
        Assert.Equal(value, fn.ValueAndGradient(x, gc), 1e-9 * value);
        for (int i = 0; i < n; i++) Assert.Equal(g[i], gc[i], 1e-9 * (1 + Math.Abs(g[i])));
        var hc = new double[n * n];
        fn.Hessian(x, hc);
        for (int i = 0; i < n * n; i++) Assert.Equal(h[i], hc[i], 1e-9 * (1 + Math.Abs(h[i])));
        var hv = new double[n];
        fn.HessianVectorProduct(x, v, hv);
        for (int i = 0; i < n; i++) Assert.Equal(hvExpected[i], hv[i], 1e-8 * (1 + Math.Abs(hvExpected[i])));
    }

    [Fact]
    public void TermLoops_Rosenbrock_IsOneLoopOverProgressions()
    {
        // both term shapes walk x_k, x_{k+1}: one fused loop computing its indices, as a hand-written loop does
        var f = Rosenbrock(200);
        var vars = Enumerable.Range(1, 200).Select(i => Expr.Symbol($"x{i}")).ToArray();
        var loops = Symbolic.Compilation.TermLoops.TrySplit(f, vars);
        Assert.NotNull(loops);
        var shape = Assert.Single(loops.Shapes);
        Assert.Equal(199, shape.Count);
        Assert.Equal([0, 1], shape.Offsets!);
        Assert.Equal([1, 1], shape.Strides!);
        Assert.Equal(Expr.Zero, loops.Rest);
    }

    [Fact]
    public void LargeSum_WithParametersAndLeftoverTerms_MatchesInterpreter()
    {
        // 40 terms of one shape plus terms of other shapes; a parameter inside the repeated shape
        var terms = Enumerable.Range(1, 40).Select(i => $"a*sin(x{i})*x{i % 40 + 1}^2").Append("exp(x1)").Append("x2*x3*x4");
        var f = Expr.Parse(string.Join(" + ", terms));
        var vars = Enumerable.Range(1, 40).Select(i => Expr.Symbol($"x{i}")).ToArray();
        var fn = f.Compile(vars, [Expr.Symbol("a")]).Bind([1.5]);
        var rnd = new Random(3);
        var x = Enumerable.Range(0, 40).Select(_ => rnd.NextDouble()).ToArray();
        var at = vars.Select((s, i) => (s, x[i])).ToDictionary(t => t.s, t => t.Item2);
        at[Expr.Symbol("a")] = 1.5;
        Assert.Equal(Interpreter.Evaluate(f, at), fn.Value(x), 1e-9);
        var g = new double[40];
        fn.ValueAndGradient(x, g);
        var grad = Symbolic.Calculus.Derivatives.Gradient(f, vars);
        for (int i = 0; i < 40; i++) Assert.Equal(Interpreter.Evaluate(grad[i], at), g[i], 1e-9);
    }

    [Fact]
    public void CompileVector_ValuesAndJacobian_MatchSymbolicJacobian()
    {
        var fs = new[] { Expr.Parse("x^2*y"), Expr.Parse("5x + sin(y)") };
        var F = Expr.CompileVector(fs, "x", "y");
        var values = new double[2];
        F.Values([2.0, 0.5], values);
        Assert.Equal(2.0, values[0], 12);
        Assert.Equal(10 + Math.Sin(0.5), values[1], 12);
        var j = new double[4];
        F.Jacobian([2.0, 0.5], j);
        Assert.Equal([2.0, 4.0, 5.0, Math.Cos(0.5)], j);
    }

    [Fact]
    public void TypedDelegate_TwoVariables_CallsLikeAFunc()
    {
        var d = Expr.Parse("x*y + 1").Compile<Func<double, double, double>>("x", "y");
        Assert.Equal(7.0, d(2, 3));
    }

    [Fact]
    public void TypedDelegate_WrongArity_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => Expr.Parse("x*y").Compile<Func<double, double>>("x", "y"));
    }

    [Fact]
    public void Parameters_BoundPerRow_EvaluateWithTheRowValues()
    {
        // squared error of a linear model on one row (features a, target t)
        var loss = Expr.Parse("(w*a + b - t)^2");
        var fn = loss.Compile(["w", "b"], ["a", "t"]);
        var row = fn.Bind([2.0, 5.0]);
        Span<double> g = stackalloc double[2];
        double v = row.ValueAndGradient([1.0, 1.0], g);
        Assert.Equal(4.0, v);                       // (2 + 1 - 5)^2
        Assert.Equal([-8.0, -4.0], g.ToArray());    // 2(-2)*a, 2(-2)
        Assert.Equal(1.0, fn.Value([1.0, 1.0], [3.0, 3.0])); // per-call parameters
        var ga = new double[2];
        Assert.Equal(4.0, fn.ValueAndGradient([1.0, 1.0], [2.0, 5.0], ga)); // arrays, no copies
        Assert.Equal([-8.0, -4.0], ga);
    }

    [Fact]
    public void Compile_UnnamedSymbol_IsAClearError()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("x + z").Compile("x"));
        Assert.Contains("'z'", ex.Message);
    }

    [Fact]
    public void Compile_UndefinedFunction_IsAClearError()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("g(x)").Compile("x"));
        Assert.Contains("'g'", ex.Message);
    }

    [Fact]
    public void Calls_AfterWarmUp_AllocateNothing()
    {
        var fn = Rosenbrock(20).Compile(Enumerable.Range(1, 20).Select(i => $"x{i}").ToArray());
        var x = new double[20];
        var g = new double[20];
        var h = new double[400];
        ReadOnlySpan<double> span = x;
        fn.Value(span);
        fn.ValueAndGradient(span, g);
        fn.Hessian(span, h);
        fn.HessianVectorProduct(span, x, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sink = 0;
        for (int i = 0; i < 10_000; i++)
        {
            x[i % 20] = i * 1e-4;
            sink += fn.Value(span);
            sink += fn.ValueAndGradient(span, g);
            fn.Hessian(span, h);
            fn.HessianVectorProduct(span, x, g);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Compile_HundredThousandNodeChain_DoesNotOverflowTheStack()
    {
        // sin(sin(...sin(x)...)) 100,000 deep: every pass must walk it without recursion
        Expr e = X;
        for (int i = 0; i < 100_000; i++) e = Expr.Call(Functions.Functions.Sin, e);
        var fn = e.Compile("x");
        double expected = 0.5;
        for (int i = 0; i < 100_000; i++) expected = Math.Sin(expected);
        Assert.Equal(expected, fn.Value([0.5]), 12);
    }

    [Fact]
    public void CompiledValue_RandomExpressions_EqualsInterpreter()
    {
        int compared = 0;
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
        {
            if (HasUndefined(e)) return;
            var fn = e.Compile(X, Y, Z);
            foreach (var p in Points)
            {
                double expected;
                try { expected = Interpreter.Evaluate(e, new Dictionary<Symbol, double> { [X] = p[0], [Y] = p[1], [Z] = p[2] }); }
                catch (SymbolicException) { continue; }
                AssertClose(expected, fn.Value(p), e.ToString());
                compared++;
            }
        }).Check(Checks.Quick.WithMaxTest(400));
        Assert.True(compared >= 400, $"only {compared} comparisons were made");
    }

    [Fact]
    public void CompiledGradientAndHessian_RandomExpressions_EqualInterpretedDerivatives()
    {
        int compared = 0;
        Prop.ForAll(ExprGenerators.Arbitrary(maxDepth: 3), e =>
        {
            if (HasUndefined(e)) return;
            Symbol[] vars = [X, Y, Z];
            var fn = e.Compile(vars);
            var grad = Symbolic.Calculus.Derivatives.Gradient(e, vars);
            var hess = Symbolic.Calculus.Derivatives.Hessian(e, vars);
            var g = new double[3];
            var h = new double[9];
            foreach (var p in Points)
            {
                var at = new Dictionary<Symbol, double> { [X] = p[0], [Y] = p[1], [Z] = p[2] };
                fn.ValueAndGradient(p, g);
                fn.Hessian(p, h);
                for (int i = 0; i < 3; i++)
                {
                    if (TryEval(grad[i], at) is { } gi) { AssertClose(gi, g[i], $"d/d{vars[i]} {e}"); compared++; }
                    for (int j = 0; j < 3; j++)
                        if (TryEval(hess[i, j], at) is { } hij) AssertClose(hij, h[i * 3 + j], $"H[{i},{j}] {e}");
                }
            }
        }).Check(Checks.Quick.WithMaxTest(200));
        Assert.True(compared >= 300, $"only {compared} comparisons were made");
    }

    [Fact]
    public void ReverseMode_RandomExpressions_AgreesWithSymbolicGradient()
    {
        int compared = 0;
        Symbol[] vars = [X, Y, Z];
        var reverse = new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Reverse);
        var symbolic = new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Symbolic);
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
        {
            if (HasUndefined(e)) return;
            var r = e.Compile(vars, [], reverse);
            var s = e.Compile(vars, [], symbolic);
            var gr = new double[3];
            var gs = new double[3];
            foreach (var p in Points)
            {
                double vr = r.ValueAndGradient(p, gr), vs = s.ValueAndGradient(p, gs);
                if (!double.IsFinite(vs)) continue;
                AssertClose(vs, vr, $"value {e}");
                for (int i = 0; i < 3; i++)
                    if (double.IsFinite(gs[i]) && double.IsFinite(gr[i])) { AssertClose(gs[i], gr[i], $"d/d{vars[i]} {e}"); compared++; }
            }
        }).Check(Checks.Quick.WithMaxTest(400));
        Assert.True(compared >= 600, $"only {compared} comparisons were made");
    }

    [Fact]
    public void ReverseMode_LayeredSigmoidNetwork_MatchesSymbolicGradient()
    {
        // 2 inputs, 8 layers of 2 sigmoid units with symbolic weights: the symbolic gradient repeats the
        // chain rule's products for every weight, the reverse sweep does not
        var net = LayeredNetwork(8, out var weights);
        var fn = net.Compile(weights, [], new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Reverse));
        var sym = net.Compile(weights, [], new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Symbolic));
        var rnd = new Random(5);
        var w = weights.Select(_ => rnd.NextDouble() - 0.5).ToArray();
        var gr = new double[w.Length];
        var gs = new double[w.Length];
        Assert.Equal(sym.ValueAndGradient(w, gs), fn.ValueAndGradient(w, gr), 12);
        for (int i = 0; i < w.Length; i++) Assert.Equal(gs[i], gr[i], 1e-12);
    }

    [Fact]
    public void ReverseMode_DeepNetwork_CutIntoManyMethods_MatchesSymbolicGradient()
    {
        // 40 layers: thousands of locals, so adjoints accumulate across method boundaries
        var net = LayeredNetwork(40, out var weights);
        var rev = net.Compile(weights, [], new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Reverse));
        var rnd = new Random(6);
        var w = weights.Select(_ => rnd.NextDouble() - 0.5).ToArray();
        var g = new double[w.Length];
        rev.ValueAndGradient(w, g);
        // central differences on a few weights (the symbolic gradient of 40 layers is itself huge)
        for (int i = 0; i < w.Length; i += 17)
        {
            var wp = (double[])w.Clone();
            var wm = (double[])w.Clone();
            wp[i] += 1e-6;
            wm[i] -= 1e-6;
            double fd = (rev.Value(wp) - rev.Value(wm)) / 2e-6;
            Assert.Equal(fd, g[i], 1e-7);
        }
    }

    [Fact]
    public void ReverseMode_ZeroToAPowerOfX_HasGradientZero()
    {
        // regression: the local partial of 0^x in x is 0^x*log(0); the differentiator's rule is 0
        var fn = Expr.Parse("1/0^x + y").Compile([X, Y], [], new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Reverse));
        var g = new double[2];
        fn.ValueAndGradient([2.0, 1.0], g);
        Assert.Equal([0.0, 1.0], g);
    }

    [Fact]
    public void DirectionalDerivative_EqualsGradientDotDirection()
    {
        var f = Expr.Parse("sin(x*y) + exp(y - z)*x^3 + log(1 + z^2)");
        var fn = f.Compile("x", "y", "z");
        double[] x = [0.3, -0.8, 1.1], v = [0.5, 2.0, -1.5];
        var g = new double[3];
        fn.ValueAndGradient(x, g);
        double expected = g[0] * v[0] + g[1] * v[1] + g[2] * v[2];
        Assert.Equal(expected, fn.DirectionalDerivative(x, v), 12);
    }

    [Theory]
    [InlineData("log(sigmoid(x))", -1000.0, -1000.0)]
    [InlineData("log(sigmoid(x))", 1000.0, 0.0)]
    [InlineData("log(1 - sigmoid(x))", 1000.0, -1000.0)]
    [InlineData("log(exp(x) + exp(2x))", 800.0, 1600.0)]
    [InlineData("log(1 + exp(x))", 1000.0, 1000.0)]
    [InlineData("log(1 + exp(x))", -1000.0, 0.0)]
    public void StableForms_ExtremeArguments_StayFinite(string text, double x, double expected)
    {
        var fn = Expr.Parse(text).Compile("x");
        Assert.Equal(expected, fn.Value([x]), 9);
        Span<double> g = stackalloc double[1];
        fn.ValueAndGradient([x], g);
        Assert.True(double.IsFinite(g[0]), $"gradient {g[0]}");
    }

    [Fact]
    public void Values_Batch_EqualsOneAtATime()
    {
        var fn = Expr.Parse("sin(x)*exp(-y^2) + x*y").Compile("x", "y");
        var rnd = new Random(11);
        var points = new double[2000, 2];
        for (int r = 0; r < 2000; r++) (points[r, 0], points[r, 1]) = (rnd.NextDouble() * 4 - 2, rnd.NextDouble() * 4 - 2);
        var values = new double[2000];
        fn.Values(points, values);
        for (int r = 0; r < 2000; r++) Assert.Equal(fn.Value([points[r, 0], points[r, 1]]), values[r]);
    }

    [Theory]
    [InlineData("100*(y - x^2)^2 + (1 - x)^2 + x/(y^2 + 1) - sqrt(x^2 + y^4)*a", true)]
    [InlineData("exp(-(x^2 + y^2)/2)*(x*y + a)/(1 + x^2 + y^2) + log(1 + y^2) - abs(x)^3 + sigmoid(3x - y)", false)]
    [InlineData("sin(x)*y + a", true)] // sin has no vector form: the scalar loop for every row
    public void Values_SimdBatch_EqualsOneAtATime(string text, bool exact)
    {
        // 2,003 rows: two blocks on two threads, each with whole vectors of rows and a scalar tail
        var f = Expr.Parse(text);
        Symbol[] xy = [X, Y];
        var simd = f.Compile(xy, [Expr.Symbol("a")]).Bind([0.75]);
        var scalar = f.Compile(xy, [Expr.Symbol("a")], new Symbolic.Compilation.CompileOptions(Simd: false)).Bind([0.75]);
        var rnd = new Random(13);
        const int rows = 2003;
        var points = new double[rows, 2];
        for (int r = 0; r < rows; r++) (points[r, 0], points[r, 1]) = (rnd.NextDouble() * 6 - 3, rnd.NextDouble() * 6 - 3);
        points[5, 0] = 800; // exp(-(x^2 + y^2)/2) underflows, sigmoid saturates
        points[6, 1] = double.NaN;
        var a = new double[rows];
        var b = new double[rows];
        simd.Values(points, a);
        scalar.Values(points, b);
        Span<double> span = new double[rows];
        simd.Values(points, span);
        for (int r = 0; r < rows; r++)
        {
            double one = simd.Value([points[r, 0], points[r, 1]]);
            Assert.Equal(one, b[r]); // the scalar batch runs the same operations
            Assert.Equal(a[r], span[r]);
            if (exact || double.IsNaN(one)) Assert.Equal(one, a[r]);
            else Assert.True(Math.Abs(one - a[r]) <= 1e-15 * Math.Max(1, Math.Abs(one)), $"row {r}: {one:R} one at a time, {a[r]:R} in the SIMD batch");
        }
    }

    [Fact]
    public void Values_RandomExpressions_BatchEqualsOneAtATime()
    {
        // the SIMD kernel where every node has a vector form, else the scalar loop: within a few ulps of Value
        int compared = 0;
        var points = new double[11, 3];
        var rnd = new Random(14);
        for (int r = 0; r < 11; r++)
            for (int j = 0; j < 3; j++) points[r, j] = Math.Round(rnd.NextDouble() * 6 - 3, 2);
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
        {
            if (HasUndefined(e)) return;
            var fn = e.Compile(X, Y, Z);
            var batch = new double[11];
            fn.Values(points, batch);
            for (int r = 0; r < 11; r++)
            {
                AssertClose(fn.Value([points[r, 0], points[r, 1], points[r, 2]]), batch[r], $"row {r} of {e}");
                compared++;
            }
        }).Check(Checks.Quick.WithMaxTest(300));
        Assert.True(compared >= 2000, $"only {compared} comparisons were made");
    }

    [Fact]
    public void SumOverRows_LogisticLoss_EqualsLoopOverRows()
    {
        // logistic regression's per-row log loss, features a1, a2 and label t as parameters
        var loss = Expr.Parse("-(t*log(sigmoid(w1*a1 + w2*a2 + b)) + (1 - t)*log(1 - sigmoid(w1*a1 + w2*a2 + b)))");
        var fn = loss.Compile(["w1", "w2", "b"], ["a1", "a2", "t"]);
        var rnd = new Random(12);
        var rows = new double[1500, 3];
        for (int r = 0; r < 1500; r++) (rows[r, 0], rows[r, 1], rows[r, 2]) = (rnd.NextDouble(), rnd.NextDouble(), rnd.Next(2));
        double[] w = [0.3, -0.7, 0.1];
        var g = new double[3];
        double total = fn.SumOverRows(w, rows, g);
        double expected = 0;
        var expectedGradient = new double[3];
        var gr = new double[3];
        for (int r = 0; r < 1500; r++)
        {
            expected += fn.ValueAndGradient(w, [rows[r, 0], rows[r, 1], rows[r, 2]], gr);
            for (int j = 0; j < 3; j++) expectedGradient[j] += gr[j];
        }
        Assert.Equal(expected, total, 1e-9 * expected);
        for (int j = 0; j < 3; j++) Assert.Equal(expectedGradient[j], g[j], 1e-9 * (1 + Math.Abs(expectedGradient[j])));
        // the same call twice gives the same bits: blocks are summed in a fixed order
        var again = new double[3];
        Assert.Equal(total, fn.SumOverRows(w, rows, again));
        Assert.Equal(g, again);
    }

    [Fact]
    public void StableForms_ExtremeArguments_MatchDecimalReferences()
    {
        // log(sigmoid(z)) = -log(1 + e^-z), log(1 - sigmoid(z)) = -log(1 + e^z), log(e^a + e^b), at arguments
        // from -1000 to 1000. Where decimal's range allows (|z| <= 60) the reference is computed in decimal;
        // beyond, the terms below e^-60 vanish in double and the reference is the asymptote (z, or -e^-|z|).
        var logSigmoid = Expr.Parse("log(sigmoid(x))");
        var logComplement = Expr.Parse("log(1 - sigmoid(x))");
        var logSumExp = Expr.Parse("log(exp(x) + exp(y))");
        var f1 = logSigmoid.Compile("x");
        var f2 = logComplement.Compile("x");
        var f3 = logSumExp.Compile("x", "y");
        int compared = 0;
        var arguments = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0);
        Prop.ForAll(Arb.From(Gen.Two(arguments)), t =>
        {
            var (z, w) = t;
            double expected1 = SoftplusReference(-z), expected2 = SoftplusReference(z);
            Close(-expected1, f1.Value([z]));
            Close(-expected1, Interpreter.Evaluate(logSigmoid, new Dictionary<Symbol, double> { [X] = z }));
            Close(-expected2, f2.Value([z]));
            Close(-expected2, Interpreter.Evaluate(logComplement, new Dictionary<Symbol, double> { [X] = z }));
            // log(e^z + e^w) = max + log(1 + e^-(|z - w|))
            // the pairwise form z + softplus(w - z) is exact up to a few ulps of the larger argument
            // (z and w - z are rounded), not of the result, which can be far smaller (z = -487, w = 3.4)
            double expected3 = Math.Max(z, w) + SoftplusReference(-Math.Abs(z - w));
            double scale3 = Math.Max(Math.Abs(z), Math.Abs(w));
            Assert.True(Math.Abs(expected3 - f3.Value([z, w])) <= 1e-15 * scale3 + 4e-15 * Math.Abs(expected3));
            Assert.True(Math.Abs(expected3 - Interpreter.Evaluate(logSumExp, new Dictionary<Symbol, double> { [X] = z, [Y] = w }))
                        <= 1e-15 * scale3 + 4e-15 * Math.Abs(expected3));
            compared++;
        }).Check(Checks.Quick.WithMaxTest(300));
        Assert.Equal(300, compared);

        // log(1 + e^u), independently of the code under test
        static double SoftplusReference(double u)
        {
            if (u > 60) return u;                           // + log(1 + e^-u) < 1e-26
            if (u < -60) return Math.Exp(u);                // log(1 + e^u) = e^u (1 - e^u/2 + ...), e^u < 1e-26
            if (u < -20)
            {
                // log(1 + 1/r) = (1/r)(1 - 1/(2r) + 1/(3r^2)) with r = e^-u in decimal: the tiny value keeps its digits
                decimal r = Symbolic.Tests.Support.DecimalMath.Exp((decimal)-u), q = 1 / r;
                return 1.0 / (double)r * (double)(1 - q / 2 + q * q / 3);
            }
            return (double)Symbolic.Tests.Support.DecimalMath.Log(1 + Symbolic.Tests.Support.DecimalMath.Exp((decimal)u));
        }

        static void Close(double expected, double actual) =>
            Assert.True(Math.Abs(expected - actual) <= 4e-15 * Math.Max(1e-300, Math.Abs(expected)) + 1e-300,
                $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void StableForms_LogLossAtExtremeLogits_MatchesDecimalReferences()
    {
        // The log loss -(t log sigmoid(z) + (1 - t) log(1 - sigmoid(z))) = t softplus(-z) + (1 - t) softplus(z) and
        // its derivative sigmoid(z) - t, compiled with sigmoid and softplus of z and -z sharing one exp(-|z|) (and by
        // a reverse sweep, which sends the adjoint of -z to z), at logits from -1000 to 1000 and labels 0, 1 and 0.3.
        // The loss is a sum of non-negative terms, so it must be accurate relative to itself even where it is
        // tiny (t = 1, z = 40: 4.2e-18); the reference is computed in decimal where its range allows.
        var loss = Expr.Parse("-(t*log(sigmoid(w*a + b)) + (1 - t)*log(1 - sigmoid(w*a + b)))");
        Symbol[] vars = [Expr.Symbol("w"), Expr.Symbol("b")], pars = [Expr.Symbol("a"), Expr.Symbol("t")];
        var compiled = new[]
        {
            loss.Compile(vars, pars),
            loss.Compile(vars, pars, new Symbolic.Compilation.CompileOptions(Symbolic.Compilation.GradientMode.Reverse)),
        };
        int compared = 0;
        var logits = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0);
        Prop.ForAll(Arb.From(Gen.Two(logits)), pair =>
        {
            var (z, w) = pair;
            foreach (double t in new[] { 0.0, 1.0, 0.3 })
            {
                // w*a + b = z exactly with a = 1, b = z - w (computed in double, so take z as it comes out)
                double b = z - w, zz = w * 1.0 + b;
                double expected = t * SoftplusReference(-zz) + (1 - t) * SoftplusReference(zz);
                double expectedGradient = SigmoidReference(zz) - t;
                foreach (var fn in compiled)
                {
                    var g = new double[2];
                    double value = fn.ValueAndGradient([w, b], [1.0, t], g);
                    Assert.True(Math.Abs(value - expected) <= 8e-15 * expected + 1e-300, $"loss at z = {zz:R}, t = {t}: {value:R}, expected {expected:R}");
                    Assert.Equal(value, fn.Value([w, b], [1.0, t]), 1e-15 * expected + 1e-300);
                    // d/db = sigmoid(z) - t, d/dw = a (sigmoid(z) - t) with a = 1
                    foreach (double gi in g)
                        Assert.True(Math.Abs(gi - expectedGradient) <= 1e-15 + 4e-15 * Math.Abs(expectedGradient),
                            $"gradient at z = {zz:R}, t = {t}: {gi:R}, expected {expectedGradient:R}");
                    compared++;
                }
            }
        }).Check(Checks.Quick.WithMaxTest(200));
        Assert.Equal(200 * 3 * 2, compared);

        static double SoftplusReference(double u)
        {
            if (u > 60) return u;
            if (u < -60) return Math.Exp(u);
            if (u < -20)
            {
                decimal r = Symbolic.Tests.Support.DecimalMath.Exp(Exact(-u)), q = 1 / r;
                return 1.0 / (double)r * (double)(1 - q / 2 + q * q / 3);
            }
            return (double)Symbolic.Tests.Support.DecimalMath.Log(1 + Symbolic.Tests.Support.DecimalMath.Exp(Exact(u)));
        }

        static double SigmoidReference(double u)
        {
            if (u > 60) return 1;
            if (u < -60) return Math.Exp(u);
            return (double)(1 / (1 + Symbolic.Tests.Support.DecimalMath.Exp(Exact(-u))));
        }

        // the double's exact digits: a cast to decimal keeps only 15 significant digits
        static decimal Exact(double x) => decimal.Parse(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Logistic_SigmoidAndSoftplusOfBothSigns_AgreeWithInterpreter()
    {
        // sigmoid(u), sigmoid(-u), softplus(u) and softplus(-u) in one function share exp(-|u|) in compiled code
        var e = Expr.Parse("sigmoid(x - y) + 3*sigmoid(y - x) + softplus(x - y)*y + softplus(y - x)/5");
        var fn = e.Compile("x", "y");
        var g = new double[2];
        foreach (var (x, y) in new[] { (0.3, -0.2), (-0.7, 0.9), (40.0, 1.0), (-800.0, 2.0), (750.0, -1.0), (1.0, 1.0) })
        {
            var at = new Dictionary<Symbol, double> { [X] = x, [Y] = y };
            AssertClose(Interpreter.Evaluate(e, at), fn.Value([x, y]), $"value at {x}, {y}");
            fn.ValueAndGradient([x, y], g);
            AssertClose(Interpreter.Evaluate(Symbolic.Calculus.Differentiator.Diff(e, X), at), g[0], $"d/dx at {x}, {y}");
            AssertClose(Interpreter.Evaluate(Symbolic.Calculus.Differentiator.Diff(e, Y), at), g[1], $"d/dy at {x}, {y}");
        }
    }

    private static Expr LayeredNetwork(int depth, out Symbol[] weights)
    {
        var ws = new List<Symbol>();
        Symbol W(string name) { var s = Expr.Symbol(name); ws.Add(s); return s; }
        Expr h1 = Expr.Number(1) / 2, h2 = Expr.Number(-1) / 3; // the two inputs
        for (int l = 0; l < depth; l++)
        {
            var a = Expr.Call(Functions.Functions.Sigmoid, W($"w{l}a") * h1 + W($"w{l}b") * h2 + W($"b{l}a"));
            var b = Expr.Call(Functions.Functions.Sigmoid, W($"w{l}c") * h1 + W($"w{l}d") * h2 + W($"b{l}b"));
            (h1, h2) = (a, b);
        }
        weights = [.. ws];
        return h1 + h2;
    }

    private static double? TryEval(Expr e, Dictionary<Symbol, double> at)
    {
        try { return Interpreter.Evaluate(e, at); }
        catch (SymbolicException) { return null; }
    }

    private static bool HasUndefined(Expr e) =>
        e is Derivative || e is Call { Function.IsUndefined: true } || e.Children.Any(HasUndefined);

    // Same operations give the same bits; powers by multiplication and divisions merged into one may
    // differ from the interpreter in the last few ulps, so compare to 1e-9 relative; NaN and infinities must agree.
    private static void AssertClose(double expected, double actual, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            // a merged division can turn 0*inf into a finite value and back; both must at least be non-finite or both finite
            Assert.True(double.IsNaN(expected) == double.IsNaN(actual) || !double.IsFinite(expected) || !double.IsFinite(actual) || Math.Abs(expected) > 1e12,
                $"{what}: interpreter {expected}, compiled {actual}");
            return;
        }
        if (double.IsInfinity(expected) || double.IsInfinity(actual) || Math.Abs(expected) > 1e12)
            return;
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * scale, $"{what}: interpreter {expected}, compiled {actual}");
    }

    private static Expr Rosenbrock(int n)
    {
        var terms = new List<string>();
        for (int i = 1; i < n; i++) terms.Add($"100(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2");
        return Expr.Parse(string.Join(" + ", terms));
    }
}
