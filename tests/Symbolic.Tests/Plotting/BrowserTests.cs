using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using SkiaSharp;

namespace Symbolic.Tests.Plotting;

/// <summary>Headless Chromium, found on PATH (<c>.ci/run</c> installs the Debian package <c>chromium</c>).</summary>
internal static class Chromium
{
    public static readonly string? Executable = new[] { "chromium", "chromium-browser", "google-chrome" }
        .Select(Find).FirstOrDefault(p => p is not null);

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>A screenshot of <paramref name="file"/> in a window of the given size.</summary>
    public static SKBitmap Screenshot(string file, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("symbolic-chromium-").FullName;
        string png = Path.Combine(profile, "shot.png");
        try
        {
            var start = new ProcessStartInfo(Executable!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + Path.Combine(profile, "profile"), "--screenshot=" + png,
                $"--window-size={width},{height}", new Uri(file).AbsoluteUri,
            }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish its screenshot within 90 s");
            }
            Assert.True(File.Exists(png), $"chromium wrote no screenshot (exit {process.ExitCode}): {stderr.Result}");
            return SKBitmap.Decode(png);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}

/// <summary>A test that needs Chromium; skipped, saying why, only where it is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
            Skip = "chromium is not installed (.ci/run installs the Debian package 'chromium'); the plots were not checked in a browser";
    }
}

/// <summary>
/// Runs samples/plots.sym through the built <c>symbolic</c> program into a temporary folder, opens each SVG it
/// writes in headless Chromium, and checks the screenshots as a person would look at them: not blank, and
/// the curves, poles and path markers where the functions put them. The data area comes from the SVG itself
/// (ScottPlot clips the data to it), the axis ranges from the sample's calls.
/// </summary>
public sealed class BrowserTests : IClassFixture<BrowserTests.SampleRun>
{
    /// <summary>The sample's files, written once for all the tests here.</summary>
    public sealed class SampleRun : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("symbolic-plots-").FullName;

        public string Stdout { get; }

        public string Stderr { get; }

        public int ExitCode { get; }

        public SampleRun()
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "symbolic.dll");
            string sample = Path.Combine(RepositoryRoot(), "samples", "plots.sym");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Folder,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(sample);
            start.Environment["NO_COLOR"] = "1";
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            Stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit(TimeSpan.FromSeconds(120));
            Stderr = stderr.Result;
            ExitCode = process.ExitCode;
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Symbolic.sln"))) return dir.FullName;
            throw new InvalidOperationException("Symbolic.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private readonly SampleRun _run;

    public BrowserTests(SampleRun run) => _run = run;

    [Fact]
    public void Sample_RunsAndWritesEveryFile()
    {
        Assert.Equal("", _run.Stderr);
        Assert.Equal(0, _run.ExitCode);
        string[] files = ["sin.svg", "poles.svg", "activations.svg", "bowl.svg", "rosenbrock.svg"];
        Assert.Equal(files.Select(f => "wrote " + f), _run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var f in files) Assert.True(new FileInfo(Path.Combine(_run.Folder, f)).Length > 1000, f);
        Assert.DoesNotContain(Directory.GetFiles(_run.Folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>An SVG's size and the rectangle its data is clipped to (the plot area).</summary>
    private sealed record Layout(int Width, int Height, double Left, double Top, double Right, double Bottom)
    {
        public double PixelX(double x, double x0, double x1) => Left + (x - x0) / (x1 - x0) * (Right - Left);

        public double PixelY(double y, double y0, double y1) => Bottom - (y - y0) / (y1 - y0) * (Bottom - Top);
    }

    private (SKBitmap Shot, Layout Layout) Open(string name)
    {
        string file = Path.Combine(_run.Folder, name);
        var svg = XDocument.Load(file).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        double Attr(XElement e, string a) => double.Parse(e.Attribute(a)!.Value, CultureInfo.InvariantCulture);
        var area = svg.Descendants(ns + "clipPath").Select(c => c.Element(ns + "rect")).Where(r => r is not null)
            .MaxBy(r => Attr(r!, "width") * Attr(r!, "height"))!;
        var layout = new Layout((int)Attr(svg, "width"), (int)Attr(svg, "height"),
            Attr(area, "x"), Attr(area, "y"), Attr(area, "x") + Attr(area, "width"), Attr(area, "y") + Attr(area, "height"));
        var shot = Chromium.Screenshot(file, layout.Width, layout.Height);
        Assert.Equal(layout.Width, shot.Width);
        AssertNotBlank(shot, name);
        return (shot, layout);
    }

    private static void AssertNotBlank(SKBitmap shot, string name)
    {
        int ink = 0;
        var colors = new HashSet<uint>();
        for (int y = 0; y < shot.Height; y += 2)
            for (int x = 0; x < shot.Width; x += 2)
            {
                var c = shot.GetPixel(x, y);
                if (c.Red < 230 || c.Green < 230 || c.Blue < 230) ink++;
                colors.Add((uint)c);
            }
        Assert.True(ink > shot.Width * shot.Height / 4 / 100, $"{name}: the screenshot is (almost) blank: {ink} inked pixels of {shot.Width * shot.Height / 4}");
        Assert.True(colors.Count > 20, $"{name}: only {colors.Count} colours");
    }

    private static bool Near(SKColor c, string hex, int tolerance = 40)
    {
        var t = SKColor.Parse(hex);
        return Math.Abs(c.Red - t.Red) + Math.Abs(c.Green - t.Green) + Math.Abs(c.Blue - t.Blue) <= tolerance;
    }

    /// <summary>The pixels of a colour inside the plot area.</summary>
    private static List<(int X, int Y)> Pixels(SKBitmap shot, Layout l, string hex, int tolerance = 40)
    {
        var found = new List<(int, int)>();
        for (int y = (int)l.Top + 1; y < (int)l.Bottom; y++)
            for (int x = (int)l.Left + 1; x < (int)l.Right; x++)
                if (Near(shot.GetPixel(x, y), hex, tolerance)) found.Add((x, y));
        return found;
    }

    private const string Blue = "#1F77B4"; // the first curve's colour (Category10)

    [ChromiumFact]
    public void Sin_MaximumIsDrawnAQuarterAcross_AndMinimumThreeQuarters()
    {
        var (shot, l) = Open("sin.svg");
        var blue = Pixels(shot, l, Blue);
        Assert.True(blue.Count > 500, $"{blue.Count} pixels of the curve");

        double width = l.Right - l.Left;
        // The highest and lowest curve pixels, searched away from the corners where the legend may sit.
        var middle = blue.Where(p => p.X > l.Left + 0.12 * width && p.X < l.Right - 0.12 * width).ToList();
        var top = middle.Where(p => p.Y == middle.Min(q => q.Y)).Average(p => p.X);
        var bottom = middle.Where(p => p.Y == middle.Max(q => q.Y)).Average(p => p.X);
        Assert.InRange((top - l.Left) / width, 0.23, 0.27);
        Assert.InRange((bottom - l.Left) / width, 0.73, 0.77);

        // The view is [-1.1, 1.1] (5% margin): the crest touches y = 1 and the curve starts at y = 0 on the left edge.
        Assert.InRange(middle.Min(p => p.Y), l.PixelY(1, -1.1, 1.1) - 3, l.PixelY(1, -1.1, 1.1) + 1);
        // Halfway, at x = pi, the curve crosses y = 0.
        int half = (int)Math.Round(l.PixelX(Math.PI, 0, 2 * Math.PI));
        var crossing = blue.Where(p => p.X == half).Select(p => (double)p.Y).ToList();
        Assert.NotEmpty(crossing);
        Assert.InRange(crossing.Average(), l.PixelY(0, -1.1, 1.1) - 3, l.PixelY(0, -1.1, 1.1) + 3);
    }

    [ChromiumFact]
    public void Poles_AreGaps_NotVerticalLines()
    {
        var (shot, l) = Open("poles.svg");
        var blue = Pixels(shot, l, Blue); // 1/x on [-3, 3]
        Assert.True(blue.Count > 300);
        double pole = l.PixelX(0, -3, 3);
        double height = l.Bottom - l.Top;
        // Near x = 0 the curve is only at the top and bottom edges (it leaves the view); a line joining the
        // branches would cross the middle of the plot there.
        Assert.DoesNotContain(blue, p => Math.Abs(p.X - pole) <= 3 && p.Y > l.Top + 0.1 * height && p.Y < l.Bottom - 0.1 * height);
        // Both branches are drawn: pixels left and right of the pole.
        Assert.Contains(blue, p => p.X < pole - 5);
        Assert.Contains(blue, p => p.X > pole + 5);
        // sqrt(x) (green) is undefined for x < 0: nothing of it on the left half.
        var green = Pixels(shot, l, "#2CA02C");
        Assert.NotEmpty(green);
        Assert.DoesNotContain(green, p => p.X < pole - 4);
    }

    [ChromiumFact]
    public void Contour_PathStartsAndEndsWhereTheSampleSays()
    {
        var (shot, l) = Open("bowl.svg");
        var start = Pixels(shot, l, "#2f9e44", 30);
        var end = Pixels(shot, l, "#c92a2a", 30);
        Assert.True(start.Count > 20, $"{start.Count} pixels of the start marker");
        Assert.True(end.Count > 20, $"{end.Count} pixels of the end marker");
        // The legend repeats the markers; take the ones in the plot, nearest where they belong.
        (double X, double Y) Centre(List<(int X, int Y)> pixels, double x, double y)
        {
            var near = pixels.Where(p => Math.Abs(p.X - x) < 15 && Math.Abs(p.Y - y) < 15).ToList();
            Assert.True(near.Count > 10, $"no marker near ({x:F0}, {y:F0})");
            return (near.Average(p => p.X), near.Average(p => p.Y));
        }
        var s = Centre(start, l.PixelX(1.5, -2, 2), l.PixelY(1.5, -2, 2));
        Assert.InRange(s.X, l.PixelX(1.5, -2, 2) - 2.5, l.PixelX(1.5, -2, 2) + 2.5);
        Assert.InRange(s.Y, l.PixelY(1.5, -2, 2) - 2.5, l.PixelY(1.5, -2, 2) + 2.5);
        var e = Centre(end, l.PixelX(0.0024576, -2, 2), l.PixelY(-0.3145728, -2, 2));
        Assert.InRange(e.X, l.PixelX(0.0024576, -2, 2) - 2.5, l.PixelX(0.0024576, -2, 2) + 2.5);
        Assert.InRange(e.Y, l.PixelY(-0.3145728, -2, 2) - 2.5, l.PixelY(-0.3145728, -2, 2) + 2.5);
    }

    [ChromiumFact]
    public void Contour_LevelCurvesAreEllipsesAroundTheMinimum()
    {
        var (shot, l) = Open("bowl.svg");
        // x^2 + 3y^2: along the row through y = 0 the dark level lines cross at x = ±sqrt(c), symmetric about the
        // centre; the shading is lightest (yellow) in the corners, darkest (purple) at the centre.
        int row = (int)Math.Round(l.PixelY(0, -2, 2));
        double centre = l.PixelX(0, -2, 2);
        int Sum(int x) => shot.GetPixel(x, row) is var c ? c.Red + c.Green + c.Blue : 0;
        // A level line is a pixel clearly darker than the shading a few pixels to both sides. The path crosses
        // this row at x < 0.95, so only 0.95 < |x| < 1.95 is compared: the lines x = ±1, ±sqrt(2), ±sqrt(3).
        double scale = (l.Right - l.Left) / 4;
        var dark = Enumerable.Range((int)l.Left + 4, (int)(l.Right - l.Left) - 8)
            .Where(x => Sum(x) < Sum(x - 3) - 40 && Sum(x) < Sum(x + 3) - 40 && Sum(x) <= Sum(x - 1) && Sum(x) <= Sum(x + 1))
            .Select(x => (x - centre) / scale).Where(d => Math.Abs(d) > 0.95 && Math.Abs(d) < 1.95).ToList();
        Assert.True(dark.Count >= 6, $"{dark.Count} level-line pixels on the row y = 0");
        foreach (double at in new[] { -Math.Sqrt(3), -Math.Sqrt(2), -1, 1, Math.Sqrt(2), Math.Sqrt(3) })
            Assert.True(dark.Any(d => Math.Abs(d - at) < 0.03), $"no level line at x = {at:F3} on the row y = 0: {string.Join(", ", dark.Select(d => d.ToString("F3", CultureInfo.InvariantCulture)))}");

        var corner = shot.GetPixel((int)l.Left + 3, (int)l.Top + 3);
        var middle = shot.GetPixel((int)centre + 1, row + 5);
        Assert.True(corner.Red + corner.Green > middle.Red + middle.Green + 100, $"corner {corner} is not lighter than the centre {middle}");
    }

    [ChromiumFact]
    public void EverySampleSvg_RendersInTheBrowser()
    {
        foreach (var name in new[] { "activations.svg", "rosenbrock.svg" })
        {
            var (shot, _) = Open(name);
            shot.Dispose();
        }
    }
}
