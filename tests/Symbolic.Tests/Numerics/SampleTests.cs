using System.Diagnostics;
using Symbolic.Language;
using Symbolic.Syntax;

namespace Symbolic.Tests.Numerics;

/// <summary>
/// The solver samples run in CI: each REPL script under samples/ with <c># expect:</c> lines must print
/// exactly those lines (golden transcripts), and each C# sample program must exit with 0 (they check the
/// course notes' numbers themselves).
/// </summary>
public sealed class SampleTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Symbolic.sln"))) return dir.FullName;
        throw new InvalidOperationException("Symbolic.sln not found above the test output folder");
    }

    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Path.Combine(Root, "samples"), "*.sym").Where(p => File.ReadAllText(p).Contains("# expect:")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_PrintsItsExpectedLines(string file)
    {
        // The scripts name their data relative to the repository root, where they are run from.
        string data = Path.Combine(Root, "samples", "data") + "/";
        string source = File.ReadAllText(Path.Combine(Root, "samples", file)).Replace("\r\n", "\n").Replace("samples/data/", data);
        var lines = source.Split('\n');
        var expected = new List<(int Line, string Text)>();
        int owner = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("# expect: ", StringComparison.Ordinal) || trimmed.StartsWith("# error: ", StringComparison.Ordinal))
                expected.Add((owner, trimmed[2..]));
            else if (trimmed.Length > 0 && !trimmed.StartsWith('#')) owner = i + 1;
        }
        var text = new SourceText(source);
        var actual = new List<(int Line, string Text)>();
        // Scripts may plot: the files go to the test's working folder (its output directory).
        foreach (var outcome in new Session(null, new Symbolic.Plotting.PlottingExtension()).Execute(source))
        {
            int line = text.LineColumn(outcome.Span.Start).Line;
            actual.AddRange(outcome.Output.Select(o => (line, "expect: " + o)));
            if (outcome.Error is { } error) actual.Add((line, "error: " + error.Message));
        }
        Assert.Equal(expected, actual);
    }

    public static TheoryData<string> Programs() =>
        ["NewtonMethod", "GradientDescentNotes", "SentimentClassifier", "TwoLayerNetwork", "CriticalPoints", "OptimizerTable"];

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Program_ReproducesTheNotes(string name)
    {
        // The same configuration and framework folders as this test assembly's (bin/Release/net10.0).
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string dll = Path.Combine(Root, "samples", name, "bin", output.Parent!.Name, output.Name, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is not built (build Symbolic.sln)");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{name} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
