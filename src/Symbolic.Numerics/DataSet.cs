using System.Collections.Immutable;
using System.Globalization;
using nietras.SeparatedValues;

namespace Symbolic.Numerics;

/// <summary>
/// A table of numbers with named columns, stored row-major in one array (the layout the compiler's
/// full-batch sums read in place). Loaded from a CSV file whose header names the columns.
/// </summary>
/// <example><c>var data = DataSet.Load("sentiment.csv"); double[] ya = data.Column("ya");</c></example>
public sealed class DataSet
{
    private readonly double[] _data;

    private DataSet(string source, ImmutableArray<string> columns, double[] data)
    {
        (Source, Columns, _data) = (source, columns, data);
        Rows = columns.Length == 0 ? 0 : data.Length / columns.Length;
    }

    /// <summary>Where the data came from (a file path, or a description).</summary>
    public string Source { get; }

    /// <summary>The column names, in file order.</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>The number of rows (the header excluded).</summary>
    public int Rows { get; }

    /// <summary>The value at a row and column (both from 0).</summary>
    public double this[int row, int column] => _data[row * Columns.Length + column];

    /// <summary>The data row-major: row r at [r*m, r*m + m) for m columns. Not a copy: do not modify.</summary>
    internal double[] RowMajor => _data;

    /// <summary>The index of a column, or -1.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="column"/> is null.</exception>
    public int IndexOf(string column) => Columns.IndexOf(Guard.NotNull(column));

    /// <summary>A copy of one column.</summary>
    /// <exception cref="SymbolicException">No column has that name.</exception>
    public double[] Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int c = IndexOf(name);
        if (c < 0) throw new SymbolicException($"the data has no column '{name}'; its columns are {string.Join(", ", Columns)}");
        var result = new double[Rows];
        for (int r = 0; r < Rows; r++) result[r] = this[r, c];
        return result;
    }

    /// <summary>A data set from column names and rows (copied).</summary>
    public static DataSet FromRows(IReadOnlyList<string> columns, double[,] rows, string source = "(in memory)")
    {
        Guard.NoNulls(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(source);
        if (rows.GetLength(1) != columns.Count) throw new ArgumentException($"each row needs {columns.Count} values", nameof(rows));
        CheckNames(columns, source);
        var data = new double[rows.Length];
        Buffer.BlockCopy(rows, 0, data, 0, data.Length * sizeof(double));
        return new DataSet(source, [.. columns], data);
    }

    /// <summary>
    /// Reads a CSV file (comma-separated, RFC 4180 quoting, numbers in invariant culture such as <c>3.25</c> or <c>1e-3</c>).
    /// The first line names the columns; every other line is a row of numbers.
    /// </summary>
    /// <remarks>
    /// Only the path given is read, as it is written: no wildcard is expanded (<c>*.csv</c> names a file called
    /// <c>*.csv</c>), no folder is searched, no <c>~</c> is expanded. The file's size is taken before reading and no
    /// more than that is read, so a special file that reads without end (<c>/dev/zero</c>, a pipe) cannot fill
    /// the memory: its size is 0, and it is refused as empty without being opened.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="SymbolicException">The path is empty, names no file or a directory, cannot be read (the reason,
    /// such as permission denied, is given), the file has no header, repeats a column name, or a row has the wrong
    /// number of fields or a field that is not a number; the message gives the path, and the line and column where
    /// they apply.</exception>
    /// <example><c>DataSet.Load("data/line.csv").Rows</c></example>
    public static DataSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = ReadText(path);
        try
        {
            SepReader reader;
            try
            {
                reader = Sep.Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.Outer })
                    .FromText(text);
            }
            catch (ArgumentException ex) // Sep rejects a header that repeats a name
            {
                throw new SymbolicException($"{path}:1: the header repeats a column name ({ex.Message})");
            }
            using var _ = reader;
            var columns = reader.Header.ColNames.ToArray();
            if (columns.Length == 0 || columns.All(string.IsNullOrWhiteSpace))
                throw new SymbolicException($"cannot load '{path}': the file is empty; its first line must name the columns");
            CheckNames(columns, path);
            var data = new List<double>();
            foreach (var row in reader)
            {
                int line = row.LineNumberFrom;
                if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue; // a blank line
                if (row.ColCount != columns.Length)
                    throw new SymbolicException($"{path}:{line}: the row has {row.ColCount} fields but the header names {columns.Length} columns");
                for (int c = 0; c < columns.Length; c++)
                {
                    var field = row[c].Span;
                    if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                        throw new SymbolicException($"{path}:{line}: column {c + 1} ('{columns[c]}') is not a number: '{field.ToString()}'");
                    data.Add(v);
                }
            }
            return new DataSet(path, [.. columns], [.. data]);
        }
        catch (InvalidDataException ex)
        {
            throw new SymbolicException($"cannot load '{path}': {ex.Message}");
        }
    }

    /// <summary>The most bytes <see cref="Load"/> reads (a CSV file of this size holds some hundred million numbers).</summary>
    private const long MaxFileBytes = 1L << 30;

    // The whole file as text, read from exactly the path given, no more bytes than its size; every failure is a
    // SymbolicException that names the path and the reason.
    private static string ReadText(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new SymbolicException("cannot load '': the file name is empty");
        try
        {
            if (Directory.Exists(path)) throw new SymbolicException($"cannot load '{path}': it is a directory, not a file");
            if (!File.Exists(path))
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
                throw new SymbolicException(folder is not null && !Directory.Exists(folder)
                    ? $"cannot load '{path}': no such file (the folder '{folder}' does not exist)"
                    : $"cannot load '{path}': no such file");
            }
            long size = new FileInfo(path).Length;
            if (size == 0)
                throw new SymbolicException($"cannot load '{path}': the file is empty (or not a regular file); its first line must name the columns");
            if (size > MaxFileBytes)
                throw new SymbolicException($"cannot load '{path}': the file has {size:N0} bytes, more than the {MaxFileBytes:N0} a data set may have");
            var bytes = new byte[size];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                int read = 0;
                while (read < bytes.Length)
                {
                    int n = stream.Read(bytes, read, bytes.Length - read);
                    if (n == 0) break; // the file shrank while being read: take what is there
                    read += n;
                }
                if (read < bytes.Length) Array.Resize(ref bytes, read);
            }
            using var text = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return text.ReadToEnd();
        }
        catch (UnauthorizedAccessException)
        {
            throw new SymbolicException($"cannot load '{path}': permission denied");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            throw new SymbolicException($"cannot load '{path}': {Reason(ex, path)}");
        }
    }

    // The system's message without the path (the caller's message names it once).
    private static string Reason(Exception ex, string path)
    {
        string message = ex.Message.Replace($" '{path}'", "", StringComparison.Ordinal).Trim();
        return message.Length == 0 ? ex.GetType().Name : message;
    }

    private static void CheckNames(IReadOnlyList<string> columns, string path)
    {
        var seen = new HashSet<string>();
        for (int c = 0; c < columns.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(columns[c])) throw new SymbolicException($"{path}:1: column {c + 1} has no name");
            if (!seen.Add(columns[c])) throw new SymbolicException($"{path}:1: column {c + 1} repeats the name '{columns[c]}'");
        }
    }
}
