using FsCheck;
using FsCheck.Fluent;
using Symbolic.Printing;
using Symbolic.Tests.Generators;
namespace Symbolic.Tests.Printing;
public class ZzStressTmp
{
    [Fact]
    public void Stress()
    {
        var failures = new List<string>();
        foreach (var depth in new[] { 7, 8 })
        foreach (var e in ExprGenerators.Expression(depth).Sample(4000, 100))
        {
            var text = InfixPrinter.Print(e);
            string back;
            try { var p = Expr.Parse(text); if (ReferenceEquals(p, e)) continue; back = InfixPrinter.Print(p); }
            catch (Exception ex) { back = "ERROR " + ex.Message; }
            failures.Add($"{e.Size}\t{text}\t=>\t{back}");
        }
        var all = ExprGenerators.Expression(5).Sample(4000, 100); File.WriteAllText("/tmp/rt-count.txt", all.Length + " " + all.Average(x => x.Size) + " " + all.Max(x => x.Size) + "\n" + string.Join("\n", all.Take(15).Select(x => x.ToString())));
        File.WriteAllLines("/tmp/rt-failures.txt", failures.OrderBy(f => int.Parse(f.Split('\t')[0])).Take(200));
        Assert.Empty(failures);
    }
}
