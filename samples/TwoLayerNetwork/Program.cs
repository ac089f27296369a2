// The course notes' network of depth 2: inputs x1, x2; hidden units A1 = sigmoid(x1 w11 + x2 w21 + b1) and
// A2 = sigmoid(x1 w12 + x2 w22 + b2); output y^ = sigmoid(A1 w1 + A2 w2 + b); log loss. Its gradient is
// the symbolic derivative (no hand-written backpropagation), checked against the notes' chain-rule
// formulas, then trained by SGD on XOR, which no single sigmoid unit can separate.
// Run: dotnet run --project samples/TwoLayerNetwork
using Symbolic;
using Symbolic.Numerics;

const string A1 = "sigmoid(x1*w11 + x2*w21 + b1)", A2 = "sigmoid(x1*w12 + x2*w22 + b2)";
var network = Expr.Parse($"sigmoid({A1}*w1 + {A2}*w2 + b)");
string[] parameters = ["w11", "w21", "b1", "w12", "w22", "b2", "w1", "w2", "b"];
var loss = Fit.LossExpression(network, Loss.Logistic, "y");

// The notes: dL/dw11 = -x1 w1 a1 (1 - a1)(y - y^), dL/db1 = -w1 a1 (1 - a1)(y - y^), dL/dw1 = -a1 (y - y^), dL/db = -(y - y^).
string[] all = [.. parameters, "x1", "x2", "y"];
var grads = parameters.ToDictionary(p => p, p => loss.Diff(p).Compile(all));
var rnd = new Random(2);
double worst = 0;
for (int i = 0; i < 20; i++)
{
    var v = Enumerable.Range(0, all.Length).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
    v[^1] = rnd.Next(2);
    var at = all.Select((name, k) => (name, k)).ToDictionary(t => t.name, t => v[t.k]);
    double s(double z) => 1 / (1 + Math.Exp(-z));
    double a1 = s(at["x1"] * at["w11"] + at["x2"] * at["w21"] + at["b1"]);
    double a2 = s(at["x1"] * at["w12"] + at["x2"] * at["w22"] + at["b2"]);
    double yHat = s(a1 * at["w1"] + a2 * at["w2"] + at["b"]), err = at["y"] - yHat;
    worst = new[]
    {
        Math.Abs(grads["w11"].Value(v) - -at["x1"] * at["w1"] * a1 * (1 - a1) * err),
        Math.Abs(grads["b1"].Value(v) - -at["w1"] * a1 * (1 - a1) * err),
        Math.Abs(grads["w1"].Value(v) - -a1 * err),
        Math.Abs(grads["b"].Value(v) - -err),
    }.Append(worst).Max();
}
Check.Near("largest gap between the symbolic gradient and the notes' backpropagation formulas (20 points)", worst, 0, 1e-12);

var xor = DataSet.FromRows(["x1", "x2", "y"], new double[,] { { 0, 0, 0 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 0 } });
var init = new Random(7);
var start = parameters.Select(_ => init.NextDouble() * 2 - 1).ToArray();
var r = Fit.Run(network, parameters, xor, new FitOptions(Loss: Loss.Logistic, Method: "adam", Rate: 0.05, Epochs: 3000, Initial: start));
Console.WriteLine($"trained on XOR: mean log loss {r.Loss:G3} after {r.Updates} updates");
var predict = network.Compile([.. parameters.Select(Expr.Symbol)], [Expr.Symbol("x1"), Expr.Symbol("x2")]);
for (int i = 0; i < xor.Rows; i++)
{
    double p = predict.Value(r.Values, [xor[i, 0], xor[i, 1]]);
    Check.True($"x = ({xor[i, 0]}, {xor[i, 1]}): y^ = {p:F3}, y = {xor[i, 2]}", p > 0.5 == (xor[i, 2] == 1));
}
return Check.ExitCode;
