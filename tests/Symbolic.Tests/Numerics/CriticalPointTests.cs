using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

public class CriticalPointTests
{
    [Theory]
    [InlineData("2x^2 + 3y^2 - x*y", CriticalPointKind.Minimum, 5 + 1.4142135623730951, 5 - 1.4142135623730951)]
    [InlineData("-2x^2 - 3y^2 - x*y + 15", CriticalPointKind.Maximum, -5 + 1.4142135623730951, -5 - 1.4142135623730951)]
    [InlineData("2x^2 - 2y^2", CriticalPointKind.Saddle, 4, -4)]
    [InlineData("x^4 + y^2", CriticalPointKind.Inconclusive, 2, 0)]
    public void Classify_NotesExamples(string f, CriticalPointKind kind, double largest, double smallest)
    {
        var c = CriticalPoints.Classify(Expr.Parse(f), ["x", "y"], [0.0, 0.0]);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(largest, c.Eigenvalues[0], 1e-12);
        Assert.Equal(smallest, c.Eigenvalues[1], 1e-12);
        Assert.Equal(0, c.GradientNorm, 1e-15);
    }

    [Fact]
    public void Classify_NamesAreLowercase() =>
        Assert.Equal("saddle", CriticalPoints.Classify(Expr.Parse("x*y"), ["x", "y"], [0.0, 0.0]).Name);
}
