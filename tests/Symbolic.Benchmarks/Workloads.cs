using System.Globalization;
using System.Text;

namespace Symbolic.Benchmarks;

/// <summary>The inputs of the speed table, built deterministically.</summary>
public static class Workloads
{
    /// <summary>
    /// A sum of 4,000 terms alternating <c>c*x^k*sin(a*y+b)</c> and <c>c*exp(-(x-a)^2)/(1+y^2)</c>,
    /// about 201,000 characters long (the peers were measured on 201,050 characters).
    /// </summary>
    public static string BigSum(int terms = 4000)
    {
        var rnd = new Random(20261122);
        var sb = new StringBuilder();
        string D(int digits) => (rnd.NextDouble() * 9 + 0.5).ToString("F" + digits, CultureInfo.InvariantCulture);
        for (int i = 0; i < terms; i++)
        {
            if (i > 0) sb.Append(" + ");
            if (i % 2 == 0) sb.Append($"{D(12)}*x^{i % 13 + 1}*sin({D(9)}*y+{D(9)})");
            else sb.Append($"{D(11)}*exp(-(x-{D(9)})^2)/(1+y^2)");
        }
        return sb.ToString();
    }

    /// <summary>sum_{i=1}^{n-1} 100(x_{i+1} - x_i^2)^2 + (1 - x_i)^2.</summary>
    public static string Rosenbrock(int n)
    {
        var sb = new StringBuilder();
        for (int i = 1; i < n; i++)
        {
            if (i > 1) sb.Append(" + ");
            sb.Append($"100(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2");
        }
        return sb.ToString();
    }

    public static Symbol[] Variables(int n) => Enumerable.Range(1, n).Select(i => Expr.Symbol($"x{i}")).ToArray();

    /// <summary>The minimal hand-written pass over an expression: counting its nodes as a tree walk.</summary>
    public static long CountNodes(Expr e)
    {
        long n = 1;
        foreach (var c in e.Children) n += CountNodes(c);
        return n;
    }
}
