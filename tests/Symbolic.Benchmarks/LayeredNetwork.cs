using Symbolic.Calculus;
using Symbolic.Functions;

namespace Symbolic.Benchmarks;

/// <summary>
/// The layered sigmoid network of the shared-graph review: inputs <c>x</c> and <c>y</c>, then
/// <c>depth</c> layers of two units, unit j of layer l being
/// <c>sigmoid(w_l_j_1 * h1 + w_l_j_2 * h2 + b_l_j)</c> of the previous layer's outputs (h1, h2).
/// Each layer uses both outputs of the one below, so as a tree the network has about 2^depth nodes
/// while as a hash-consed graph it has a few dozen per layer: the test bed for passes that must
/// visit each distinct node once.
/// </summary>
public static class LayeredNetwork
{
    /// <summary>The first output unit of the last layer. With <paramref name="symbolicWeights"/> the
    /// weights and biases are symbols (<c>w3_1_2</c>, <c>b3_1</c>), else fixed exact numbers
    /// (quarters between -2 and 2, drawn from a seeded generator, never 0).</summary>
    public static Expr Output(int depth, bool symbolicWeights = false)
    {
        var rnd = new Random(20261201);
        Expr Weight(string name) => symbolicWeights
            ? Expr.Symbol(name)
            : Expr.Number(Rational.Create(rnd.Next(1, 9) * (rnd.Next(2) == 0 ? -1 : 1), 4));
        Expr h1 = Expr.Symbol("x"), h2 = Expr.Symbol("y");
        for (int l = 1; l <= depth; l++)
        {
            var u1 = Unit(l, 1, h1, h2);
            var u2 = Unit(l, 2, h1, h2);
            (h1, h2) = (u1, u2);
        }
        return h1;

        Expr Unit(int l, int j, Expr a, Expr b) => Expr.Call(Functions.Functions.Sigmoid,
            Expr.Add(Expr.Mul(Weight($"w{l}_{j}_1"), a), Expr.Mul(Weight($"w{l}_{j}_2"), b), Weight($"b{l}_{j}")));
    }

    /// <summary>The gradient of <see cref="Output"/> with respect to the inputs x and y.</summary>
    public static Expr[] InputGradient(int depth, bool symbolicWeights = false) =>
        Derivatives.Gradient(Output(depth, symbolicWeights), [Expr.Symbol("x"), Expr.Symbol("y")]);

    /// <summary>A point for numeric evaluation: x = 0.3, y = -0.7, every weight and bias 0.1.</summary>
    public static Func<Symbol, double?> Point => s => s.Name switch { "x" => 0.3, "y" => -0.7, _ => 0.1 };
}
