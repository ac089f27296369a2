using System.Diagnostics;
using Symbolic.Language;
using Symbolic.Plotting;

namespace Symbolic.Tests.Plotting;

/// <summary>Graphics stay in Symbolic.Plotting; the REPL registers it; its help examples print what they say.</summary>
public sealed class PlottingLayerTests
{
    [Theory]
    [InlineData("Symbolic.Plotting")]
    [InlineData("ScottPlot")]
    [InlineData("SkiaSharp")]
    public void CoreAndLanguage_ReferenceNoGraphics(string graphics)
    {
        Assert.DoesNotContain(typeof(Expr).Assembly.GetReferencedAssemblies(), a => a.Name == graphics);
        Assert.DoesNotContain(typeof(Session).Assembly.GetReferencedAssemblies(), a => a.Name == graphics);
    }

    [Fact]
    public void Repl_ReferencesThePlottingExtension()
    {
        var repl = typeof(Symbolic.Repl.BatchRunner).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.Contains("Symbolic.Plotting", repl);
    }

    [Fact]
    public void EveryOperationName_IsReservedByExprParse()
    {
        foreach (var operation in new Session(null, new PlottingExtension()).Operations.All.Where(o => o.Name != "diff"))
            Assert.True(Binder.LanguageOperations.Contains(operation.Name), operation.Name);
    }

    /// <summary>The examples of <c>:help plot</c> and <c>:help contour</c>, run by the built program in an empty folder.</summary>
    [Fact]
    public async Task HelpExamples_PrintWhatTheHelpSays()
    {
        var examples = new Session(null, new PlottingExtension()).Operations.All
            .Where(o => o.Name is "plot" or "contour").SelectMany(o => o.Examples).ToList();
        Assert.Equal(3, examples.Count);
        string folder = Directory.CreateTempSubdirectory("symbolic-plot-help-").FullName;
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "symbolic.dll"));
            foreach (var e in examples)
            {
                start.ArgumentList.Add("-e");
                start.ArgumentList.Add(e.Input);
            }
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Equal("", await stderr);
            Assert.Equal(examples.Select(e => e.Output), lines);
            foreach (var e in examples) Assert.True(File.Exists(Path.Combine(folder, e.Output["wrote ".Length..])), e.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
