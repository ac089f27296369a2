using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

public class FitTests
{
    private static DataSet Linear(int rows, int seed)
    {
        var rnd = new Random(seed);
        var data = new double[rows, 3];
        for (int r = 0; r < rows; r++)
        {
            double x1 = rnd.NextDouble() * 2 - 1, x2 = rnd.NextDouble() * 2 - 1;
            (data[r, 0], data[r, 1], data[r, 2]) = (x1, x2, 2 * x1 - 3 * x2 + 0.5);
        }
        return DataSet.FromRows(["x1", "x2", "y"], data);
    }

    [Theory]
    [InlineData("sgd", 1, 0.05)]
    [InlineData("sgd", 16, 0.2)]
    [InlineData("momentum", 8, 0.02)]
    [InlineData("adam", 4, 0.01)]
    [InlineData("sgd", 0, 0.5)] // full batch
    public void Fit_GeneratedLinearData_RecoversCoefficients(string method, int batch, double rate)
    {
        var r = Fit.Run(Expr.Parse("w1*x1 + w2*x2 + b"), ["w1", "w2", "b"], Linear(200, 1),
            new FitOptions(Method: method, Batch: batch, Rate: rate, Epochs: 500));
        Assert.Equal(ExitReason.MaxIterations, r.Reason);
        Assert.Equal(2, r["w1"], 1e-3);
        Assert.Equal(-3, r["w2"], 1e-3);
        Assert.Equal(0.5, r["b"], 1e-3);
        Assert.True(r.Loss < 1e-6);
    }

    [Fact]
    public void Fit_FullBatchOnLargeData_SpreadAcrossCores_MatchesTheMeanGradientStep()
    {
        // Above ParallelFromRows the blocks are summed across cores; each step must still be exactly
        // theta - rate * (mean gradient), the mean taken by MeanLoss (the compiler's own row sums).
        var data = Linear(FitProblem.ParallelFromRows + 5_000, 3);
        var problem = Fit.Prepare(Expr.Parse("w1*x1 + w2*x2 + b"), ["w1", "w2", "b"], data);
        var options = new FitOptions(Batch: 0, Rate: 0.5, Epochs: 1, Initial: [0.3, -0.2, 0.1]);
        var step = problem.Run(options);
        var g = new double[3];
        problem.MeanLoss([0.3, -0.2, 0.1], g);
        double[] expected = [0.3 - 0.5 * g[0], -0.2 - 0.5 * g[1], 0.1 - 0.5 * g[2]];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], step.Values[i], 1e-12);
        Assert.Equal(problem.MeanLoss(step.Values), step.Loss, 1e-12);
        var again = problem.Run(options with { Epochs = 40 });
        Assert.Equal(again.Values, problem.Run(options with { Epochs = 40 }).Values); // same blocks, same order
    }

    [Theory]
    [InlineData("w1*x1 + w2*x2 + b")]
    [InlineData("sigmoid(w3*sigmoid(w2*sigmoid(w1*x1 + b) + x2) + b)*w4")]
    [InlineData("tanh(v1*tanh(w11*x1 + w21*x2 + b1) + v2*tanh(w12*x1 + w22*x2 + b2) + c)")]
    public void Fit_FullBatchStep_IsMeanGradientStep(string model)
    {
        string[] parameters = [.. Expr.Parse(model).FreeSymbols.Select(s => s.Name).Where(n => n is not ("x1" or "x2")).Order()];
        var problem = Fit.Prepare(Expr.Parse(model), parameters, Linear(300, 4));
        var start = Enumerable.Range(0, parameters.Length).Select(i => 0.1 * (i + 1)).ToArray();
        var step = problem.Run(new FitOptions(Batch: 0, Rate: 0.25, Epochs: 1, Initial: start));
        var g = new double[start.Length];
        problem.MeanLoss(start, g);
        for (int i = 0; i < start.Length; i++) Assert.Equal(start[i] - 0.25 * g[i], step.Values[i], 1e-12);
    }

    [Fact]
    public void RowGradient_SymbolicEntriesAndCompilerKernel_Agree()
    {
        // fit takes the compiler's gradient kernel (reverse sweep) when the symbolic gradient is large; both must give one gradient.
        var model = Expr.Parse("sigmoid(w3*sigmoid(w2*sigmoid(w1*x1 + b) + x2) + b)*w4");
        var loss = Fit.LossExpression(model, Loss.Squared, "y").Compile([.. new[] { "b", "w1", "w2", "w3", "w4" }.Select(Expr.Symbol)], [.. new[] { "x1", "x2", "y" }.Select(Expr.Symbol)]);
        double[] theta = [0.1, -0.4, 0.7, 0.3, -1.2], row = [0.5, -0.25, 0.8];
        double[] symbolic = new double[5], compiler = new double[5], direct = new double[5];
        FitProblem.RowGradient(loss, large: false).Run(theta, row, [], symbolic);
        FitProblem.RowGradient(loss, large: true).Run(theta, row, [], compiler);
        loss.ValueAndGradient(theta, row, direct);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(direct[i], symbolic[i], 1e-14);
            Assert.Equal(direct[i], compiler[i], 1e-14);
        }
    }

    [Fact]
    public void Fit_SameSeed_SameResult_OtherSeed_OtherPath()
    {
        var data = Linear(50, 2);
        var model = Expr.Parse("w*x1 + b");
        var options = new FitOptions(Epochs: 3, Seed: 7);
        var a = Fit.Run(model, ["w", "b"], data, options);
        var b = Fit.Run(model, ["w", "b"], data, options);
        var c = Fit.Run(model, ["w", "b"], data, options with { Seed = 8 });
        Assert.Equal(a.Values, b.Values);
        Assert.NotEqual(a.Values, c.Values);
    }

    [Fact]
    public void Fit_SeparableLogisticData_ClassifiesEveryRow()
    {
        var rnd = new Random(3);
        int rows = 200;
        var data = new double[rows, 3];
        for (int row = 0; row < rows; row++)
        {
            double x1, x2;
            do { (x1, x2) = (rnd.NextDouble() * 4 - 2, rnd.NextDouble() * 4 - 2); } while (Math.Abs(x1 + 2 * x2 - 0.5) < 0.2);
            (data[row, 0], data[row, 1], data[row, 2]) = (x1, x2, x1 + 2 * x2 - 0.5 > 0 ? 1 : 0);
        }
        var set = DataSet.FromRows(["x1", "x2", "label"], data);
        var model = Expr.Parse("sigmoid(w1*x1 + w2*x2 + b)");
        var r = Fit.Run(model, ["w1", "w2", "b"], set, new FitOptions(Loss: Loss.Logistic, Rate: 0.5, Epochs: 200, Target: "label"));
        for (int i = 0; i < rows; i++)
        {
            double z = r["w1"] * data[i, 0] + r["w2"] * data[i, 1] + r["b"];
            Assert.Equal(data[i, 2] == 1, z > 0);
        }
        Assert.True(r.Loss < 0.05, $"loss {r.Loss}");
    }

    [Fact]
    public void Fit_Diverging_EndsNonFiniteWithFiniteParameters()
    {
        var r = Fit.Run(Expr.Parse("w*x1"), ["w"], Linear(20, 4), new FitOptions(Rate: 1e6, Epochs: 50));
        Assert.Equal(ExitReason.NonFinite, r.Reason);
        Assert.True(double.IsFinite(r.Values[0]));
    }

    [Fact]
    public void Fit_UnknownSymbolOrTarget_IsAnError()
    {
        var data = Linear(5, 5);
        Assert.Throws<SymbolicException>(() => Fit.Run(Expr.Parse("w*z"), ["w"], data));
        Assert.Throws<SymbolicException>(() => Fit.Run(Expr.Parse("w*x1"), ["w"], data, new FitOptions(Target: "t")));
        Assert.Throws<SymbolicException>(() => Fit.Run(Expr.Parse("x1*x2"), ["x1"], data));
        Assert.Throws<SymbolicException>(() => Fit.Run(Expr.Parse("w*x1"), ["w"], data, new FitOptions(Method: "newton")));
    }
}
