namespace Symbolic.Tests.Numerics.TestFunctions;

/// <summary>The standard problems of the minimizer tests (as in MathNet's TestFunctions), by name.</summary>
public static class StandardFunctions
{
    /// <summary>A convex quadratic with condition number 10: minimum at (1, -1/5).</summary>
    public static readonly TestFunction Quadratic = new("Quadratic", "x^2 + 10y^2 - 2x + 4y", ["x", "y"], [3, 2], [[1, -0.2]]);

    /// <summary>Booth: (x + 2y - 7)^2 + (2x + y - 5)^2, minimum 0 at (1, 3).</summary>
    public static readonly TestFunction Booth = new("Booth", "(x + 2y - 7)^2 + (2x + y - 5)^2", ["x", "y"], [0, 0], [[1, 3]]);

    /// <summary>Beale: minimum 0 at (3, 1/2), in a narrow curved valley.</summary>
    public static readonly TestFunction Beale = new("Beale",
        "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", ["x", "y"], [1, 1], [[3, 0.5]]);

    /// <summary>Himmelblau: four minima of value 0.</summary>
    public static readonly TestFunction Himmelblau = new("Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"], [1, 1],
        [[3, 2], [-2.805118086952745, 3.131312518250573], [-3.779310253377747, -3.283185991286170], [3.584428340330492, -1.848126526964404]]);

    /// <summary>Rosenbrock in two variables from the classic start (-1.2, 1): minimum 0 at (1, 1).</summary>
    public static readonly TestFunction Rosenbrock2 = new("Rosenbrock2", "(1 - x)^2 + 100(y - x^2)^2", ["x", "y"], [-1.2, 1], [[1, 1]]);

    /// <summary>Rosenbrock in ten variables from the origin: minimum 0 at (1, ..., 1).</summary>
    public static readonly TestFunction Rosenbrock10 = Rosenbrock(10);

    public static TestFunction Rosenbrock(int n) => new($"Rosenbrock{n}",
        string.Join(" + ", Enumerable.Range(1, n - 1).Select(i => $"100(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2")),
        [.. Enumerable.Range(1, n).Select(i => $"x{i}")], new double[n], [Enumerable.Repeat(1.0, n).ToArray()]);

    public static readonly TestFunction[] All = [Quadratic, Booth, Beale, Himmelblau, Rosenbrock2, Rosenbrock10];

    public static TestFunction ByName(string name) => All.Single(f => f.Name == name);
}
