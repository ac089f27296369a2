using Symbolic.Plotting;

namespace Symbolic.Tests.Plotting;

public sealed class ContourGeometryTests
{
    private static ContourGrid Grid(Func<double, double, double> f, double x0, double x1, double y0, double y1, int n = 81)
    {
        var xs = AdaptiveSampler.Uniform(x0, x1, n);
        var ys = AdaptiveSampler.Uniform(y0, y1, n);
        var z = new double[n, n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                z[j, i] = f(xs[i], ys[j]);
        return new ContourGrid(xs, ys, z);
    }

    [Fact]
    public void UnitCircle_IsOneClosedLineOnTheCircle()
    {
        var lines = ContourGeometry.Trace(Grid((x, y) => x * x + y * y, -2, 2, -2, 2), 1.0);

        var (xs, ys) = Assert.Single(lines);
        Assert.True(xs.Length > 40);
        Assert.Equal(xs[0], xs[^1]);
        Assert.Equal(ys[0], ys[^1]);
        for (int k = 0; k < xs.Length; k++) Assert.InRange(Math.Sqrt(xs[k] * xs[k] + ys[k] * ys[k]), 0.99, 1.01);
    }

    [Fact]
    public void Saddle_GivesTwoBranchesPerLevel()
    {
        var lines = ContourGeometry.Trace(Grid((x, y) => x * x - y * y, -1, 1, -1, 1), 0.25);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.All(l.X, x => Assert.True(Math.Abs(x) >= 0.49)));
    }

    [Fact]
    public void UndefinedCells_AreLeftOut()
    {
        // sqrt(x) + y is undefined for x < 0; its level lines stay on the right.
        var lines = ContourGeometry.Trace(Grid((x, y) => Math.Sqrt(x) + y, -1, 1, -1, 1), 0.5);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.All(l.X, x => Assert.True(x >= 0)));
    }

    [Fact]
    public void Levels_EvenForASpreadSurface_GeometricForALossValley()
    {
        var bowl = ContourGeometry.Levels(Grid((x, y) => x * x + y * y, -2, 2, -2, 2).Z, 8);
        var steps = bowl.Zip(bowl.Skip(1), (p, q) => q - p).ToArray();
        Assert.All(steps, s => Assert.Equal(steps[0], s, 9));

        var rosenbrock = ContourGeometry.Levels(Grid((x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), -2, 2, -1, 3).Z, 12);
        Assert.True(rosenbrock[0] < 5, $"lowest level {rosenbrock[0]}");
        Assert.True(rosenbrock[^1] > 500, $"highest level {rosenbrock[^1]}");
        Assert.True(rosenbrock[1] / rosenbrock[0] > 1.5, "levels grow geometrically");
    }
}
