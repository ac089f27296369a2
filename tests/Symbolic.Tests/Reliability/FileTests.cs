using Symbolic.Language;
using Symbolic.Numerics;
using Symbolic.Plotting;

namespace Symbolic.Tests.Reliability;

/// <summary>
/// Files are never lost or clobbered: <c>load</c> reads exactly the path it is given and says why it cannot, and a
/// plot replaces its file whole or not at all (a temporary file in the same folder, then a rename), never writing
/// over a directory. Every failure is one message that names the path and the reason, with no stack trace.
/// </summary>
public sealed class FileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("symbolic-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(In(name), text);
        return In(name);
    }

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static string LoadError(string path) => Assert.Throws<SymbolicException>(() => DataSet.Load(path)).Message;

    // ---------------------------------------------------------------- load

    [Fact]
    public void Load_MissingFile_NamesThePathAndSaysNoSuchFile()
    {
        string path = In("absent.csv");
        Assert.Equal($"cannot load '{path}': no such file", LoadError(path));
    }

    [Fact]
    public void Load_MissingFolder_NamesTheFolder()
    {
        string path = In("nowhere/data.csv");
        Assert.Equal($"cannot load '{path}': no such file (the folder '{In("nowhere")}' does not exist)", LoadError(path));
    }

    [Fact]
    public void Load_Directory_SaysItIsADirectory()
    {
        Directory.CreateDirectory(In("folder.csv"));
        Assert.Equal($"cannot load '{In("folder.csv")}': it is a directory, not a file", LoadError(In("folder.csv")));
    }

    [Theory]
    [InlineData("*.csv")]
    [InlineData("?.csv")]
    [InlineData("[a].csv")]
    [InlineData("{a,b}.csv")]
    public void Load_Wildcards_AreNotExpanded(string pattern)
    {
        // a.csv matches every pattern above; load must not read it for any of them.
        Write("a.csv", "x,y\n1,2\n");
        string path = In(pattern);
        Assert.Equal($"cannot load '{path}': no such file", LoadError(path));
    }

    [Fact]
    public void Load_FileNamedLikeAWildcard_IsReadAsNamed()
    {
        Write("a.csv", "x\n1\n");
        var data = DataSet.Load(Write("*.csv", "y\n2\n3\n"));
        Assert.Equal(["y"], data.Columns.ToArray());
        Assert.Equal([2.0, 3.0], data.Column("y"));
    }

    [Fact]
    public void Load_HomeTildeAndEnvironmentVariables_AreNotExpanded()
    {
        Assert.Contains("no such file", LoadError("~/symbolic-no-such-file.csv"));
        Assert.Contains("no such file", LoadError("$HOME/symbolic-no-such-file.csv"));
    }

    [Fact]
    public void Load_RelativePath_IsReadFromTheCurrentFolderOnly()
    {
        // A file that exists elsewhere (here, in this test's folder) is not found by its bare name: no folder is searched.
        string name = $"only-here-{Guid.NewGuid():N}.csv";
        Write(name, "x\n1\n");
        Assert.False(File.Exists(name));
        Assert.Equal($"cannot load '{name}': no such file", LoadError(name));
        Assert.Equal(1, DataSet.Load(In(name)).Rows);
    }

    [Fact]
    public void Load_EmptyName_IsAnError()
    {
        Assert.Equal("cannot load '': the file name is empty", LoadError(""));
        Assert.Throws<ArgumentNullException>(() => DataSet.Load(null!));
    }

    [Fact]
    public void Load_DeviceThatReadsForever_IsRefusedWithoutReading()
    {
        if (!File.Exists("/dev/zero")) return;
        Assert.Equal("cannot load '/dev/zero': the file is empty (or not a regular file); its first line must name the columns", LoadError("/dev/zero"));
    }

    [Fact]
    public async Task Load_NamedPipe_IsRefusedWithoutWaitingForAWriter()
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = In("pipe.csv");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        if (!File.Exists(fifo)) return;
        var load = Task.Run(() => LoadError(fifo));
        // Opening a pipe for reading would wait for a writer forever: the load must be over long before the delay.
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Contains("not a regular file", await load);
    }

    [Fact]
    public void Load_UnreadableFile_SaysPermissionDenied()
    {
        if (OperatingSystem.IsWindows() || IsRoot) return; // root reads anything (CI runs as root)
        string path = Write("secret.csv", "x\n1\n");
        File.SetUnixFileMode(path, UnixFileMode.None);
        Assert.Equal($"cannot load '{path}': permission denied", LoadError(path));
    }

    [Fact]
    public void Load_FileWithByteOrderMark_ReadsTheHeader()
    {
        File.WriteAllText(In("bom.csv"), "x,y\n1,2\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(["x", "y"], DataSet.Load(In("bom.csv")).Columns.ToArray());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    public void LoadInASession_ErrorIsLocatedAtTheFileName_WithNoStackTrace(string kind)
    {
        string path = In("d.csv");
        if (kind == "directory") Directory.CreateDirectory(path);
        string statement = $"data = load(\"{path}\")";
        var outcome = new Session().Execute(statement).Single();
        Assert.NotNull(outcome.Error);
        Assert.StartsWith($"cannot load '{path}': ", outcome.Error!.Message);
        Assert.DoesNotContain(" at ", outcome.Error.Message);
        Assert.Equal($"\"{path}\"", statement.Substring(outcome.Error.Span.Start, outcome.Error.Span.Length));
    }

    // ---------------------------------------------------------------- plot files

    [Fact]
    public void PlotFile_Directory_IsRefusedAndLeftAlone()
    {
        var folder = Directory.CreateDirectory(In("pictures.svg"));
        File.WriteAllText(Path.Combine(folder.FullName, "keep.txt"), "keep");
        var ex = Assert.Throws<IOException>(() => PlotFile.Write(folder.FullName, [1, 2, 3]));
        Assert.Equal("it is a directory", ex.Message);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(folder.FullName, "keep.txt")));
        Assert.Equal([Path.Combine(folder.FullName, "keep.txt")], Directory.GetFiles(folder.FullName));
        Assert.Equal([folder.FullName], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task PlotFile_Write_ReplacesTheFileWhole_ReadersNeverSeeAPart()
    {
        // Two contents of a megabyte each, written in turn while another thread reads: with a temporary file
        // and a rename, every read sees one content or the other, never a mixture or a short file.
        string target = In("plot.svg");
        byte[] a = Enumerable.Repeat((byte)'a', 1 << 20).ToArray(), b = Enumerable.Repeat((byte)'b', 1 << 20).ToArray();
        PlotFile.Write(target, a);
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] seen = File.ReadAllBytes(target);
                Assert.Equal(1 << 20, seen.Length);
                Assert.True(seen.All(c => c == seen[0]), "a read saw a partly written file");
                Interlocked.Increment(ref reads);
            }
        });
        // at least 40 writes, and more until the reader has read a few times (a loaded machine may starve it)
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 40 || (Volatile.Read(ref reads) < 3 && clock.Elapsed < TimeSpan.FromSeconds(30)); i++)
            PlotFile.Write(target, i % 2 == 0 ? b : a);
        PlotFile.Write(target, a);
        stop.Cancel();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(a, File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(_dir)); // no temporary file left behind
    }

    [Fact]
    public void PlotFile_TemporaryFile_IsInTheTargetsFolder()
    {
        // The rename is atomic only within one file system: the temporary file must be beside the target. Watch
        // the folder while writing and check that a file other than the target appeared and went away there.
        string target = In("watched.svg");
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(_dir) { EnableRaisingEvents = true };
        }
        catch (IOException)
        {
            return; // the system's limit of inotify watches is reached (many test runs at once): nothing to watch with
        }
        using var _ = watcher;
        watcher.Created += (_, e) => seen.Add(e.FullPath);
        PlotFile.Write(target, new byte[1 << 16]);
        SpinWait.SpinUntil(() => !seen.IsEmpty, TimeSpan.FromSeconds(5));
        Assert.Contains(seen, p => Path.GetDirectoryName(p) == _dir && p != target);
        Assert.Equal([target], Directory.GetFiles(_dir));
    }

    [Fact]
    public void PlotFile_FailedWrite_LeavesTheOldFile()
    {
        string target = In("old.svg");
        File.WriteAllText(target, "old picture");
        // A name the file system refuses (too long for one component) fails before the target is touched.
        string refused = In(new string('n', 300) + ".svg");
        var ex = Assert.Throws<IOException>(() => PlotFile.Write(refused, [1, 2, 3]));
        Assert.DoesNotContain(".tmp", ex.Message);
        Assert.Equal("old picture", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(_dir));
    }

    [Fact]
    public void PlotInASession_OverDirectory_IsAnErrorNamingThePath_NoStackTrace()
    {
        var folder = Directory.CreateDirectory(In("out.svg")).FullName;
        var outcome = new Session(null, new PlottingExtension()).Execute($"plot(x^2, x, 0, 1, file = \"{folder}\")").Single();
        Assert.Equal($"cannot write '{folder}': it is a directory", outcome.Error?.Message);
        Assert.True(Directory.Exists(folder));
    }
}
