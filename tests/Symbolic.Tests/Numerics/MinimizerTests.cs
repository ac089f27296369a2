using Symbolic.Numerics;
using Symbolic.Tests.Numerics.TestFunctions;

namespace Symbolic.Tests.Numerics;

public class MinimizerTests
{
    // The documented settings under which each method reaches every standard problem's minimizer.
    // Second-order and quasi-Newton methods: the defaults (tolerance 1e-10 on the gradient norm).
    // First-order methods: tolerance 1e-6, at most 100,000 iterations, and these rates (the defaults
    // 0.01 / 0.001 overshoot Rosenbrock's valley, whose curvature reaches about 2,000):
    public static readonly (string Method, double Rate)[] FirstOrderSettings =
    [
        ("gd", 0.001),        // 32,076 iterations on 2-D Rosenbrock, as SciPy's fixed-step descent
        ("momentum", 0.001),
        ("nesterov", 0.0005), // at 0.001 it lands in the 10-D Rosenbrock's other stationary region
        ("adagrad", 0.5),
        ("adam", 0.01),
    ];

    public static TheoryData<string, string> SecondOrder()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "newton", "bfgs", "lbfgs", "cg" })
            foreach (var f in StandardFunctions.All) data.Add(method, f.Name);
        return data;
    }

    public static TheoryData<string, double, string> FirstOrder()
    {
        var data = new TheoryData<string, double, string>();
        foreach (var (method, rate) in FirstOrderSettings)
            foreach (var f in StandardFunctions.All) data.Add(method, rate, f.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SecondOrder))]
    public void FindMinimum_SecondOrderDefaults_ReachesMinimizer(string method, string function)
    {
        var f = StandardFunctions.ByName(function);
        var r = Minimize.With(method, f.Objective(), f.Start);
        Assert.True(r.Converged, $"{method} on {function}: {r.Reason} after {r.Iterations}, |g| = {r.GradientNorm}");
        Assert.True(r.GradientNorm <= 1e-10);
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-6, $"{method} on {function} ended at [{string.Join(", ", r.Point)}]");
        Assert.Equal(method, r.Method);
    }

    [Theory]
    [MemberData(nameof(FirstOrder))]
    public void FindMinimum_FirstOrderDocumentedRate_ReachesMinimizer(string method, double rate, string function)
    {
        var f = StandardFunctions.ByName(function);
        var r = Minimize.With(method, f.Objective(), f.Start, new MinimizationOptions(Rate: rate, Tolerance: 1e-6, MaxIterations: 100_000));
        Assert.True(r.Converged, $"{method} on {function}: {r.Reason} after {r.Iterations}, |g| = {r.GradientNorm}");
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-4, $"{method} on {function} ended at [{string.Join(", ", r.Point)}]");
    }

    // RMSprop with a constant rate hovers around the minimizer at a distance proportional to the rate (its
    // step is about the rate even as the gradient vanishes), so it is judged by distance, not by the gradient.
    [Theory]
    [MemberData(nameof(Names))]
    public void FindMinimum_RmsPropSmallRate_EndsNearMinimizer(string function)
    {
        var f = StandardFunctions.ByName(function);
        var r = Minimize.With("rmsprop", f.Objective(), f.Start, new MinimizationOptions(Rate: 1e-4, Tolerance: 1e-6, MaxIterations: 100_000));
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-3, $"rmsprop on {function} ended at [{string.Join(", ", r.Point)}]");
        Assert.True(r.Reason is ExitReason.Converged or ExitReason.MaxIterations);
    }

    public static TheoryData<string> Names() => [.. StandardFunctions.All.Select(f => f.Name)];

    [Fact]
    public void FindMinimum_GradientDescentBacktracking_Rosenbrock2()
    {
        var f = StandardFunctions.Rosenbrock2;
        var r = Minimize.With("gd", f.Objective(), f.Start, new MinimizationOptions(Rate: 1, LineSearch: true, Tolerance: 1e-6, MaxIterations: 100_000));
        Assert.True(r.Converged);
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-4);
    }

    [Fact]
    public void FindMinimum_Rosenbrock2_NewtonAndBfgsMeetTheIterationTargets()
    {
        var f = StandardFunctions.Rosenbrock2;
        var newton = Minimize.Newton(f.Expression, f.Variables, f.Start);
        var bfgs = Minimize.Bfgs(f.Expression, f.Variables, f.Start);
        Assert.True(newton.Converged && newton.Iterations <= 25, $"newton: {newton.Iterations}");
        Assert.True(bfgs.Converged && bfgs.Iterations <= 40, $"bfgs: {bfgs.Iterations}");
    }

    [Fact]
    public void Momentum_IllConditionedQuadratic_NeedsFewerIterationsThanGradientDescent()
    {
        // Condition number 100: plain descent at rate 0.005 contracts the flat direction by only 0.99 a step.
        var f = Objective.FromExpression(Expr.Parse("x^2 + 100y^2"), "x", "y");
        var options = new MinimizationOptions(Rate: 0.005, Tolerance: 1e-6, MaxIterations: 100_000);
        var gd = Minimize.With("gd", f, [1.0, 1.0], options);
        var momentum = Minimize.With("momentum", f, [1.0, 1.0], options);
        Assert.True(gd.Converged && momentum.Converged);
        Assert.True(momentum.Iterations * 2 < gd.Iterations, $"momentum {momentum.Iterations}, gd {gd.Iterations}");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(50)]
    public void LinearConjugateGradient_SpdSystem_SolvesInAtMostNSteps(int n)
    {
        var rnd = new Random(n);
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = rnd.NextDouble() - 0.5;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 1 : 0; // A = M^T M + I: symmetric positive definite, modest condition number
                for (int k = 0; k < n; k++) s += m[k, i] * m[k, j];
                a[i, j] = s;
            }
        var b = Enumerable.Range(0, n).Select(_ => rnd.NextDouble()).ToArray();
        var r = LinearConjugateGradient.Minimize(a, b, options: new MinimizationOptions(Tolerance: 1e-8));
        Assert.True(r.Converged, $"{r.Reason} after {r.Iterations}, residual {r.GradientNorm}");
        Assert.True(r.Iterations <= n, $"{r.Iterations} steps for n = {n}");
        for (int i = 0; i < n; i++)
        {
            double ax = 0;
            for (int j = 0; j < n; j++) ax += a[i, j] * r.Point[j];
            Assert.Equal(b[i], ax, 1e-7);
        }
    }

    [Fact]
    public void ConjugateGradient_QuadraticExpression_UsesLinearCgAndReportsF()
    {
        var r = Minimize.ConjugateGradient(Expr.Parse("x^2 + 10y^2 - 2x + 4y + 7"), ["x", "y"], [3.0, 2.0]);
        Assert.True(r.Converged);
        Assert.True(r.Iterations <= 2);
        Assert.Equal(1, r.Point[0], 1e-12);
        Assert.Equal(-0.2, r.Point[1], 1e-12);
        Assert.Equal(7 - 1 - 0.4, r.Value, 1e-12);
    }

    [Fact]
    public void Maximize_ConcaveQuadratic_FindsMaximumAndReportsItsValue()
    {
        var r = Maximize.With("newton", Expr.Parse("-2x^2 - 3y^2 - x*y + 15"), ["x", "y"], [1.0, 1.0]);
        Assert.True(r.Converged);
        Assert.Equal(15, r.Value, 1e-12);
        Assert.Equal(0, r.Point[0], 1e-12);
    }

    [Fact]
    public void Newton_NotePaper2D_FirstStepLandsAtNotesPoint()
    {
        // The notes' f from (4, 4): gradient [277.6, 213.6], Hessian [[198.4, -2.6], [-2.6, 157.6]].
        var f = Expr.Parse("x^4 + 0.8y^4 + 4x^2 + 2y^2 - x*y - 0.2x^2*y");
        var r = Minimize.Newton(f, ["x", "y"], [4.0, 4.0], new MinimizationOptions(RecordTrace: true));
        Assert.Equal(2.5827, r.Trace[1].Point[0], 4);
        Assert.Equal(2.6213, r.Trace[1].Point[1], 4);
        Assert.True(r.Converged);
        Assert.Equal(0, r.Point[0], 1e-9);
        Assert.Equal(0, r.Point[1], 1e-9);
    }

    [Fact]
    public void Newton_IndefiniteHessian_ModifiedStepStillDescends()
    {
        // At (0, 0.1) the Hessian of x^4 - x^2 + y^2 is diag(-2, 2): a plain Newton step heads for the saddle at the origin.
        var r = Minimize.Newton(Expr.Parse("x^4 - x^2 + y^2"), ["x", "y"], [0.1, 0.1], new MinimizationOptions(RecordTrace: true));
        Assert.True(r.Converged);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(r.Point[0]), 1e-9);
        for (int k = 1; k < r.Trace.Count; k++) Assert.True(r.Trace[k].Value <= r.Trace[k - 1].Value);
    }

    [Fact]
    public void GradientDescent_ExpMinusLog_MatchesNotesIteratesAndOmega()
    {
        var f = Expr.Parse("exp(x) - log(x)");
        var r = Minimize.GradientDescent(f, ["x"], [0.05], new MinimizationOptions(Rate: 0.005, MaxIterations: 10_000, RecordTrace: true));
        Assert.Equal(0.1447, r.Trace[1].Point[0], 4);
        Assert.Equal(0.1735, r.Trace[2].Point[0], 4);
        Assert.True(r.Converged);
        Assert.Equal(0.5671432904097838, r.Point[0], 1e-9); // the omega constant: e^x = 1/x
    }

    [Fact]
    public void LinearRegressionError_Minimum_IsNotesPointAndValue()
    {
        var e = Expr.Parse("14m^2 + 3b^2 + 38 + 12m*b - 42m - 20b");
        foreach (var method in new[] { "newton", "gd", "bfgs", "cg" })
        {
            var r = Minimize.With(method, e, ["m", "b"], [0.0, 0.0], new MinimizationOptions(MaxIterations: 10_000));
            Assert.True(r.Converged, method);
            Assert.Equal(0.5, r.Point[0], 1e-9);
            Assert.Equal(7.0 / 3, r.Point[1], 1e-9);
            Assert.Equal(25.0 / 6, r.Value, 1e-9);
        }
    }

    [Fact]
    public void Defaults_FollowTheSpec()
    {
        var quadratic = Objective.FromExpression(Expr.Parse("x^2 + 10y^2 - 2x + 4y"), "x", "y");
        var far = new[] { 1e6, 1e6 };
        // Adam at its default rate (0.001) cannot travel 1e6 in 1000 steps: it stops at the iteration limit.
        Assert.Equal(1000, Minimize.With("adam", quadratic, far).Iterations);
        var slow = Objective.FromExpression(Expr.Parse("(1 - x)^2 + 100(y - x^2)^2"), "x", "y");
        Assert.True(Minimize.With("bfgs", slow, [-1.2, 1], new MinimizationOptions(MaxIterations: null)).Iterations <= 100);
        Assert.Equal(1e-10, MinimizationOptions.Default.Tolerance);
        Assert.Equal(0.9, MinimizationOptions.Default.Momentum);
        Assert.Equal(0.999, MinimizationOptions.Default.Beta2);
        Assert.Equal(1e-8, MinimizationOptions.Default.Epsilon);
    }

    [Theory]
    [InlineData("bfgs")]
    [InlineData("lbfgs")]
    [InlineData("newton")]
    public void MathNetAdapter_Rosenbrock2_ReachesMinimizer(string method)
    {
        var f = StandardFunctions.Rosenbrock2;
        var r = new MathNetMinimizer(method).Minimize(f.Objective(), f.Start);
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-6, $"{r.Reason} at [{string.Join(", ", r.Point)}]");
    }
}

public class MathNetAdapterTests
{
    [Fact]
    public void MathNetAdapter_IterationLimit_ReportsBestPointInsteadOfThrowing()
    {
        var f = Symbolic.Tests.Numerics.TestFunctions.StandardFunctions.Rosenbrock2;
        var r = new MathNetMinimizer("cg", new MinimizationOptions(MaxIterations: 5)).Minimize(f.Objective(), f.Start);
        Assert.Equal(ExitReason.MaxIterations, r.Reason);
        Assert.All(r.Point, v => Assert.True(double.IsFinite(v)));
        Assert.True(r.Value < 24.2); // better than the start's 24.2
    }

    [Fact]
    public void Lbfgs_SmallMemory_StillConverges()
    {
        var f = Symbolic.Tests.Numerics.TestFunctions.StandardFunctions.Rosenbrock10;
        var r = new LbfgsMinimizer(new MinimizationOptions(Memory: 2)).Minimize(f.Objective(), f.Start);
        Assert.True(r.Converged, $"{r.Reason} after {r.Iterations}");
        Assert.True(f.DistanceToMinimizer(r.Point) < 1e-6);
    }
}
