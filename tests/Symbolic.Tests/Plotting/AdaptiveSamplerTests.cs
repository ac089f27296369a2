using Symbolic.Plotting;

namespace Symbolic.Tests.Plotting;

/// <summary>The sampler behind <c>plot</c>: gaps at poles, jumps and undefined stretches; points where the curve bends.</summary>
public sealed class AdaptiveSamplerTests
{
    private static Func<double[], double[]> F(Func<double, double> f, List<int>? batches = null) => xs =>
    {
        batches?.Add(xs.Length);
        return xs.Select(f).ToArray();
    };

    private static SampledCurve One(Func<double, double> f, double a, double b, List<int>? batches = null) =>
        AdaptiveSampler.Sample([F(f, batches)], a, b).Curves[0];

    /// <summary>True when some drawn segment (two consecutive finite points) spans across <paramref name="x"/>.</summary>
    private static bool Bridges(SampledCurve c, double x)
    {
        for (int i = 1; i < c.X.Length; i++)
            if (double.IsFinite(c.Y[i - 1]) && double.IsFinite(c.Y[i]) && c.X[i - 1] < x && c.X[i] > x) return true;
        return false;
    }

    [Fact]
    public void Reciprocal_HasAGapAtThePole_AndBothSidesComeClose()
    {
        var c = One(x => 1 / x, -1, 1);

        Assert.False(Bridges(c, 0));
        // The sampled points on each side reach within 1e-3 of the pole, where 1/x is far beyond the view.
        Assert.Contains(c.X.Zip(c.Y), p => p.First < 0 && p.First > -1e-3 && double.IsFinite(p.Second));
        Assert.Contains(c.X.Zip(c.Y), p => p.First > 0 && p.First < 1e-3 && double.IsFinite(p.Second));
    }

    [Fact]
    public void Reciprocal_PoleBetweenSamples_IsStillAGap()
    {
        // 0 is not on the uniform grid of [-1, 1.37]: the pole falls inside an interval and must be found.
        var c = One(x => 1 / x, -1, 1.37);
        Assert.False(Bridges(c, 0));
        Assert.Equal(2, c.Pieces().Count());
    }

    [Fact]
    public void Tangent_HasAGapAtEachPole()
    {
        var c = One(Math.Tan, -3, 3);
        Assert.False(Bridges(c, -Math.PI / 2));
        Assert.False(Bridges(c, Math.PI / 2));
        Assert.Equal(3, c.Pieces().Count());
    }

    [Fact]
    public void Sign_JumpIsAGap_NotAVerticalLine()
    {
        var c = One(x => Math.Sign(x - 0.3), -1, 1);
        Assert.False(Bridges(c, 0.3));
    }

    [Fact]
    public void SmallJumpThroughASample_IsAGapToo()
    {
        // 1 is on the uniform grid and sign(0) = 0 lands inside the jump; the pole of 1/x^2 makes the view tall,
        // so the jump is a small part of it (still several pixels: a vertical line would show).
        var (curves, _) = AdaptiveSampler.Sample([F(x => 1 / (x * x)), F(x => Math.Sign(x - 1))], -2, 2);
        Assert.False(Bridges(curves[1], 1 - 1e-9));
        Assert.False(Bridges(curves[1], 1 + 1e-9));
        Assert.False(Bridges(curves[0], 0));
    }

    [Fact]
    public void SteepButContinuous_StaysConnected()
    {
        // The cube root has a vertical tangent at 0 but no gap.
        var c = One(Math.Cbrt, -2, 2);
        Assert.Single(c.Pieces());
    }

    [Fact]
    public void Sqrt_IsUndefinedLeftOfZero_AndTheCurveStartsAtTheEdge()
    {
        var c = One(Math.Sqrt, -1, 1);

        Assert.DoesNotContain(c.X.Zip(c.Y), p => p.First < 0 && double.IsFinite(p.Second));
        double first = c.X.Zip(c.Y).First(p => double.IsFinite(p.Second)).First;
        Assert.InRange(first, 0, 1e-3);
    }

    [Fact]
    public void Refinement_PutsPointsWhereTheCurveBends()
    {
        // atan(50x) turns sharply near 0 and is almost straight beyond |x| = 0.5.
        var c = One(x => Math.Atan(50 * x), -1, 1);
        int near = c.X.Count(x => Math.Abs(x) < 0.1);
        int far = c.X.Count(x => x > 0.5);

        // Both stretches start with the same spacing; the straight one keeps it, the bend's gets over three times denser.
        Assert.Equal((int)(0.5 / (2.0 / (AdaptiveSampler.InitialPoints - 1))), far);
        Assert.True(near / 0.2 > 3 * far / 0.5, $"{near} points on |x| < 0.1, {far} on x > 0.5");
    }

    [Fact]
    public void Refinement_SinIsDenserAtItsPeaksThanWhereItIsStraight()
    {
        var c = One(Math.Sin, 0, 2 * Math.PI);
        int peak = c.X.Count(x => Math.Abs(x - Math.PI / 2) < 0.3);
        int inflection = c.X.Count(x => Math.Abs(x - Math.PI) < 0.3);
        Assert.True(peak > inflection, $"{peak} points at the peak, {inflection} at the inflection");
    }

    [Fact]
    public void StraightLine_IsNotRefined_AndEachRoundIsOneBatch()
    {
        var batches = new List<int>();
        var c = One(x => 3 * x + 1, -2, 5, batches);

        Assert.Equal(AdaptiveSampler.InitialPoints, c.X.Length);
        Assert.Equal([AdaptiveSampler.InitialPoints], batches);
    }

    [Fact]
    public void CurvedFunction_IsEvaluatedInFewBatches()
    {
        var batches = new List<int>();
        One(x => Math.Sin(1 / (x + 1.1)), -1, 1, batches);
        Assert.InRange(batches.Count, 2, AdaptiveSampler.MaxDepth + 1);
    }

    [Fact]
    public void View_IgnoresThePoleButKeepsTheBulk()
    {
        var (_, view) = AdaptiveSampler.Sample([F(x => 1 / x)], -5, 5);
        Assert.InRange(view.High, 3, 20);
        Assert.InRange(view.Low, -20, -3);

        var (_, sin) = AdaptiveSampler.Sample([F(Math.Sin)], 0, 2 * Math.PI);
        Assert.True(sin.Low < -1 && sin.High > 1 && sin.High < 1.2);
    }

    [Fact]
    public void Clip_EndsSegmentsAtTheBandsEdge()
    {
        var curve = new SampledCurve([0, 1, 2, 3], [0, 10, 0, 0]);
        var pieces = AdaptiveSampler.Clip(curve, -1, 1);

        Assert.Equal(2, pieces.Count);
        Assert.Equal(0, pieces[0].X[0], 12);
        Assert.Equal(0.1, pieces[0].X[1], 12);
        Assert.Equal([0.0, 1.0], pieces[0].Y);
        Assert.Equal(1.9, pieces[1].X[0], 12);
        Assert.Equal([2.0, 3.0], pieces[1].X[1..]);
    }
}
