// The course notes' three critical points at the origin, classified by the Hessian's eigenvalues.
// Run: dotnet run --project samples/CriticalPoints
using Symbolic;
using Symbolic.Numerics;

double r2 = Math.Sqrt(2);
var cases = new (string F, CriticalPointKind Kind, double[] Eigenvalues)[]
{
    ("2x^2 + 3y^2 - x*y", CriticalPointKind.Minimum, [5 + r2, 5 - r2]),        // notes: 6.447 and 3.55; exactly 5 +- sqrt(2)
    ("-2x^2 - 3y^2 - x*y + 15", CriticalPointKind.Maximum, [-5 + r2, -5 - r2]), // notes: -3.59 and -6.41
    ("2x^2 - 2y^2", CriticalPointKind.Saddle, [4, -4]),                       // the notes say "cannot conclude": it is a saddle
};
foreach (var (text, kind, eigenvalues) in cases)
{
    var f = Expr.Parse(text);
    var h = f.Hessian("x", "y");
    var c = CriticalPoints.Classify(f, ["x", "y"], [0.0, 0.0]);
    Console.WriteLine($"{text}: Hessian [[{h[0, 0]}, {h[0, 1]}], [{h[1, 0]}, {h[1, 1]}]], eigenvalues [{string.Join(", ", c.Eigenvalues.Select(v => v.ToString("G6")))}] -> {c.Name}");
    Check.True($"{c.Name} is {kind.ToString().ToLowerInvariant()}", c.Kind == kind);
    for (int i = 0; i < 2; i++) Check.Near($"eigenvalue {i + 1}", c.Eigenvalues[i], eigenvalues[i], 1e-12);
}
return Check.ExitCode;
