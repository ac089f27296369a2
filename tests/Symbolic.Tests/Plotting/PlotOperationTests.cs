using Symbolic.Language;
using Symbolic.Plotting;

namespace Symbolic.Tests.Plotting;

/// <summary><c>plot</c> and <c>contour</c> in a session: the files they write, the value they print, located errors.</summary>
public sealed class PlotOperationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("symbolic-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string In(string name) => Path.Combine(_folder, name);

    private static StatementOutcome Run(string statement, ILanguageExtension? more = null)
    {
        var session = more is null ? new Session(null, new PlottingExtension()) : new Session(null, new PlottingExtension(), more);
        return session.Execute(statement).Last();
    }

    private static void AssertWrote(StatementOutcome outcome, string file)
    {
        Assert.Null(outcome.Error);
        Assert.Equal(["wrote " + file], outcome.Output);
    }

    [Fact]
    public void Plot_WritesAnSvg_AndPrintsThePath()
    {
        string file = In("sin.svg");
        AssertWrote(Run($"plot(sin(x), x, 0, 2pi, file = \"{file}\")"), file);

        string svg = File.ReadAllText(file);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("<svg", svg);
        Assert.Contains("sin(x)", svg); // the legend names the curve
        Assert.Single(Directory.GetFiles(_folder)); // no temporary file left behind
    }

    [Fact]
    public void Plot_SeveralFunctions_WritesAPng()
    {
        string file = In("p.PNG");
        AssertWrote(Run($"plot([x, x^2, 1/x], x, -1, 1, file = \"{file}\", width = 400, height = 300)"), file);

        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.Equal(400, bitmap.Width);
        Assert.Equal(300, bitmap.Height);
    }

    [Fact]
    public void Plot_OverwritesAnExistingFile()
    {
        string file = In("again.svg");
        File.WriteAllText(file, "old");
        AssertWrote(Run($"plot(x^2, x, -1, 1, file = \"{file}\")"), file);
        Assert.Contains("<svg", File.ReadAllText(file));
    }

    [Fact]
    public void Contour_WithAPathMatrix_WritesTheFile()
    {
        string file = In("c.svg");
        AssertWrote(Run($"contour(x^2 + 3y^2, [x, y], [-2, 2], [-2, 2], file = \"{file}\", path = [[1.5, 1.5], [0.5, -0.5], [0, 0]])"), file);
        string svg = File.ReadAllText(file);
        Assert.Contains("start", svg);
        Assert.Contains("end", svg);
    }

    [Fact]
    public void Contour_GivenLevels_AreTheOnesDrawn()
    {
        string file = In("levels.svg");
        AssertWrote(Run($"contour(x^2 + y^2, [x, y], [-2, 2], [-2, 2], file = \"{file}\", levels = [4, 1, 0.25])"), file);
        string svg = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"\s+", "");
        // The colour bar labels the given levels.
        Assert.Contains(">0.25</text>", svg);
        Assert.Contains(">1</text>", svg);
        Assert.Contains(">4</text>", svg);
    }

    [Theory]
    [InlineData("[-2, 2], [-2, 2]", 1.0)]
    [InlineData("[-3, 3], [-1, 1]", 3.0)]
    [InlineData("[0, 1], [0, 2]", 0.5)]
    public void Contour_HasEqualUnitsOnBothAxes(string ranges, double aspect)
    {
        string file = In("square.svg");
        AssertWrote(Run($"contour(x^2 + 3y^2, [x, y], {ranges}, file = \"{file}\")"), file);
        var svg = System.Xml.Linq.XDocument.Load(file).Root!;
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        double Attr(System.Xml.Linq.XElement e, string a) => double.Parse(e.Attribute(a)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var area = svg.Descendants(ns + "clipPath").Select(c => c.Element(ns + "rect")!).MaxBy(r => Attr(r, "width") * Attr(r, "height"))!;
        Assert.InRange(Attr(area, "width") / Attr(area, "height"), aspect * 0.98, aspect * 1.02);
        Assert.True(Attr(svg, "width") <= 760 && Attr(svg, "height") <= 600);
    }

    /// <summary>What a solver's result looks like to the hook: a value with <c>IReadOnlyList&lt;double[]&gt; Path</c>.</summary>
    private sealed class FakeMinimization : Value
    {
        public IReadOnlyList<double[]> Path { get; } = [[1.5, 1.5], [0.6, -1.2], [0.0, 0.0]];

        public override string Display() => "{point: [0, 0]}";

        public override string Kind => "minimization result";
    }

    private sealed class FakeSolver : ILanguageExtension
    {
        public void Register(Session session) => session.Operations.Add(new OperationDef("fakemin", "solvers", "a result with a path", _ => new FakeMinimization()));
    }

    [Fact]
    public void Contour_PathFromAValueWithAPathProperty_IsDrawn()
    {
        string file = In("r.svg");
        var session = new Session(null, new PlottingExtension(), new FakeSolver());
        var outcomes = session.Execute($"r = fakemin()\ncontour(x^2 + 3y^2, [x, y], [-2, 2], [-2, 2], file = \"{file}\", path = r)").ToList();
        AssertWrote(outcomes[^1], file);
        Assert.Contains("path (2 steps)", File.ReadAllText(file));
    }

    [Fact]
    public void ShowImage_GetsAPngOfEachPlot()
    {
        var images = new List<byte[]>();
        var session = new Session(null, new PlottingExtension { ShowImage = images.Add });
        var outcome = session.Execute($"plot(x, x, 0, 1, file = \"{In("a.svg")}\")").Single();
        Assert.Null(outcome.Error);
        var png = Assert.Single(images);
        Assert.Equal((byte)'P', png[1]);
    }

    [Theory]
    [InlineData("plot(x, x, 0, 1, file = \"{dir}\")", "cannot write '{dir}': it is a directory", "\"{dir}\"")]
    [InlineData("plot(x, x, 0, 1, file = \"{dir}/missing/f.svg\")", "cannot write '{dir}/missing/f.svg': the folder '{dir}/missing' does not exist", "\"{dir}/missing/f.svg\"")]
    [InlineData("plot(x, x, 0, 1, file = \"{dir}/f.pdf\")", "cannot write '{dir}/f.pdf': the file name must end in .svg or .png", "\"{dir}/f.pdf\"")]
    [InlineData("plot(x, x, 0, 1, file = 3)", "file must be a file name in quotes, such as file = \"f.svg\"", "3")]
    [InlineData("plot(x*y, x, 0, 1, file = \"{dir}/f.svg\")", "'x*y' has the free symbol 'y' besides x; bind it to a number first", "x*y")]
    [InlineData("plot(x, x, 1, 0, file = \"{dir}/f.svg\")", "the interval must have a < b, got [1, 0]", "1, 0")]
    [InlineData("plot(g(x), x, 0, 1, file = \"{dir}/f.svg\")", "cannot plot the undefined function 'g'", "g(x)")]
    [InlineData("contour(x*y, [x, y], [0, 1], [0, 1], file = \"{dir}/f.svg\", path = [[1, 2, 3]])", "path: expected a matrix with two columns (x, y), got a 1x3 matrix", "[[1, 2, 3]]")]
    [InlineData("contour(x*y, [x, y], [0, 1], [0, 1], file = \"{dir}/f.svg\", path = r)", "path must be a minimize result (trace = true) or a matrix of points [[x0, y0], [x1, y1], ...], got 'r', which is not bound", "r")]
    [InlineData("contour(x*y, [x, y, z], [0, 1], [0, 1], file = \"{dir}/f.svg\")", "contour needs two variables such as [x, y], got 3", "[x, y, z]")]
    [InlineData("contour(x*y, [x, y], [1, 0], [0, 1], file = \"{dir}/f.svg\")", "the range of x must have low < high, got [1, 0]", "[1, 0]")]
    [InlineData("contour(x*y, [x, y], [0, 1], [0, 1], file = \"{dir}/f.svg\", levels = 0)", "levels must be a count from 1 to 100 or a vector of values such as [0.1, 1, 10]", "0")]
    [InlineData("contour(x*y, [x, y], [0, 1], [0, 1], file = \"{dir}/f.svg\", levels = [1, a])", "levels must be numbers, got 'a'", "[1, a]")]
    public void BadCall_IsAnErrorAtTheArgument(string statement, string message, string located)
    {
        statement = statement.Replace("{dir}", _folder);
        var outcome = Run(statement);
        Assert.NotNull(outcome.Error);
        Assert.Equal(message.Replace("{dir}", _folder), outcome.Error!.Message.Replace("1×3", "1x3"));
        var span = outcome.Error.Span;
        Assert.Equal(located.Replace("{dir}", _folder), statement.Substring(span.Start, span.Length));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void FolderThatIsAFile_NamesThePathAndTheReason()
    {
        string plain = In("plain");
        File.WriteAllText(plain, "");
        string file = Path.Combine(plain, "f.svg");
        var outcome = Run($"plot(x, x, 0, 1, file = \"{file}\")");
        Assert.Equal($"cannot write '{file}': '{plain}' is a file, not a folder", outcome.Error?.Message);
    }

    [Fact]
    public void UnwritableFolder_NamesThePathAndTheReason()
    {
        // root writes anywhere (CI runs as root); the check needs an ordinary user on a Unix file system.
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;
        var locked = Directory.CreateDirectory(In("locked"));
        File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string file = Path.Combine(locked.FullName, "f.svg");
        var outcome = Run($"plot(x, x, 0, 1, file = \"{file}\")");
        Assert.Equal($"cannot write '{file}': permission denied", outcome.Error?.Message);
    }

    [Fact]
    public void Help_ShowsPlotAndContourWithTheirOptions()
    {
        var lines = new Session(null, new PlottingExtension()).Execute(":help contour").Single().Output;
        Assert.Contains("  contour(e, [x, y], [x0, x1], [y0, y1])", lines);
        Assert.Contains(lines, l => l.StartsWith("  path = none", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  file = \"contour.svg\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TERM", "xterm-kitty", TerminalImageProtocol.Kitty)]
    [InlineData("TERM_PROGRAM", "iTerm.app", TerminalImageProtocol.ITerm2)]
    [InlineData("LC_TERMINAL", "iTerm2", TerminalImageProtocol.ITerm2)]
    [InlineData("TERM", "xterm-256color", TerminalImageProtocol.None)]
    [InlineData("TERM", "dumb", TerminalImageProtocol.None)]
    public void TerminalImages_DetectsTheProtocolFromTheEnvironment(string name, string value, TerminalImageProtocol expected)
    {
        Assert.Equal(expected, TerminalImages.Detect(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(TerminalImageProtocol.None, TerminalImages.Detect(new Dictionary<string, string> { [name] = value, ["TMUX"] = "/tmp/tmux" }));
    }

    [Fact]
    public void TerminalImages_KittySequenceIsChunked()
    {
        var png = new byte[10_000];
        string sequence = TerminalImages.Sequence(TerminalImageProtocol.Kitty, png);
        Assert.StartsWith("\u001b_Ga=T,f=100,m=1;", sequence);
        Assert.EndsWith("\u001b\\\n", sequence);
        Assert.Contains("\u001b_Gm=0;", sequence);
    }
}
