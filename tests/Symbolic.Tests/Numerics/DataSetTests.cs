using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

public sealed class DataSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("symbolic-data").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_HeaderNamesColumns()
    {
        var data = DataSet.Load(Write("ok.csv", "ya,na,y\n3,0,1\n0,2,0\n2.5,1e-1,1\n"));
        Assert.Equal(["ya", "na", "y"], data.Columns.ToArray());
        Assert.Equal(3, data.Rows);
        Assert.Equal([3, 0, 2.5], data.Column("ya"));
        Assert.Equal(0.1, data[2, 1]);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var path = Path.Combine(_dir, "absent.csv");
        var ex = Assert.Throws<SymbolicException>(() => DataSet.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("no such file", ex.Message);
    }

    [Fact]
    public void Load_RaggedRow_GivesPathAndLine()
    {
        var path = Write("ragged.csv", "a,b\n1,2\n3\n");
        var ex = Assert.Throws<SymbolicException>(() => DataSet.Load(path));
        Assert.Contains($"{path}:3:", ex.Message);
        Assert.Contains("1 fields", ex.Message);
    }

    [Fact]
    public void Load_NotANumber_GivesPathLineAndColumn()
    {
        var path = Write("text.csv", "a,b\n1,2\n3,four\n");
        var ex = Assert.Throws<SymbolicException>(() => DataSet.Load(path));
        Assert.Contains($"{path}:3:", ex.Message);
        Assert.Contains("column 2 ('b')", ex.Message);
        Assert.Contains("'four'", ex.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsAnError()
    {
        Assert.Throws<SymbolicException>(() => DataSet.Load(Write("empty.csv", "")));
    }

    [Fact]
    public void Load_RepeatedColumn_IsAnError()
    {
        var ex = Assert.Throws<SymbolicException>(() => DataSet.Load(Write("dup.csv", "a,a\n1,2\n")));
        Assert.Contains("repeats", ex.Message);
    }
}
