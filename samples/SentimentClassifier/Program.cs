// The course notes' sentiment model: word counts of "ya" and "na" per sentence and whether its mood is
// happy, in samples/data/sentiment.csv. (The notes' table gives the second sentence, "Na na", the counts
// 2 and 2; its words give 0 and 2, which the CSV uses.) First the perceptron of the notes (a linear
// prediction with squared loss), then logistic regression (sigmoid with log loss), both by SGD.
// Run: dotnet run --project samples/SentimentClassifier
using Symbolic;
using Symbolic.Numerics;

var data = DataSet.Load(Path.Combine(AppContext.BaseDirectory, "sentiment.csv"));
Console.WriteLine($"{data.Rows} sentences, columns {string.Join(", ", data.Columns)}");
string[] parameters = ["w1", "w2", "b"];

Console.WriteLine("\n1. Perceptron: y^ = w1 ya + w2 na + b, L = (y - y^)^2 / 2");
var linear = Expr.Parse("w1*ya + w2*na + b");
var loss = Fit.LossExpression(linear, Loss.Squared, "happy");
Console.WriteLine($"   dL/dw1 = {loss.Diff("w1")}   (notes: -(y - y^) x1)");
var perceptron = Fit.Run(linear, parameters, data, new FitOptions(Target: "happy", Rate: 0.05, Epochs: 2000));
Report(perceptron, p => p);

Console.WriteLine("\n2. Logistic regression: y^ = sigmoid(w1 ya + w2 na + b), L = -y ln y^ - (1 - y) ln(1 - y^)");
var model = Expr.Parse("sigmoid(w1*ya + w2*na + b)");
var logLoss = Expr.Parse("-happy*log(sigmoid(w1*ya + w2*na + b)) - (1 - happy)*log(1 - sigmoid(w1*ya + w2*na + b))");
// The notes derive dL/dw1 = -(y - y^) x1: compare the symbolic derivative with it at a few points.
var dl = logLoss.Diff("w1").Compile("w1", "w2", "b", "ya", "na", "happy");
var rnd = new Random(1);
double worst = 0;
for (int i = 0; i < 5; i++)
{
    double[] p = [.. Enumerable.Range(0, 6).Select(_ => rnd.NextDouble() * 2 - 1)];
    double yHat = 1 / (1 + Math.Exp(-(p[0] * p[3] + p[1] * p[4] + p[2])));
    worst = Math.Max(worst, Math.Abs(dl.Value(p) - -(p[5] - yHat) * p[3]));
}
Check.Near("largest |dL/dw1 - (-(y - y^) x1)| at 5 random points", worst, 0, 1e-12);
var logistic = Fit.Run(model, parameters, data, new FitOptions(Loss: Loss.Logistic, Target: "happy", Rate: 0.5, Epochs: 500));
Report(logistic, z => 1 / (1 + Math.Exp(-z)));
return Check.ExitCode;

void Report(FitResult r, Func<double, double> output)
{
    Console.WriteLine($"   w1 = {r["w1"]:G6}, w2 = {r["w2"]:G6}, b = {r["b"]:G6}, mean loss {r.Loss:G4} after {r.Updates} updates");
    for (int i = 0; i < data.Rows; i++)
    {
        double yHat = output(r["w1"] * data[i, 0] + r["w2"] * data[i, 1] + r["b"]);
        bool happy = data[i, 2] == 1;
        Check.True($"ya = {data[i, 0]}, na = {data[i, 1]}: y^ = {yHat:F3} -> {(yHat > 0.5 ? "happy" : "sad")} ({(happy ? "happy" : "sad")})", yHat > 0.5 == happy);
    }
}
