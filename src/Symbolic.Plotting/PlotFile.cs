namespace Symbolic.Plotting;

/// <summary>
/// Writes an image file whole or not at all: the bytes go to a temporary file in the target's folder, which
/// then replaces the target by a rename, so a reader (a browser reloading the SVG, a test) never sees half a
/// file and a failed write leaves the old picture in place.
/// </summary>
internal static class PlotFile
{
    /// <summary>The format a file name asks for by its extension (<c>.svg</c> or <c>.png</c>, any case), or null.</summary>
    public static ImageFormatKind? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => ImageFormatKind.Svg,
        ".png" => ImageFormatKind.Png,
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="path"/> cannot be written, checked before any drawing is done (null when it looks
    /// writable): empty name, a directory of that name, a missing folder.
    /// </summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "the file name is empty";
        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar)) return "it names a folder, not a file";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ex.Message;
        }
        if (Directory.Exists(full)) return "it is a directory";
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            return File.Exists(folder) ? $"'{folder}' is a file, not a folder" : $"the folder '{folder}' does not exist";
        return null;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    /// <exception cref="IOException">The write failed; the message says why (the caller names the path).</exception>
    public static void Write(string path, byte[] bytes)
    {
        if (Problem(path) is { } problem) throw new IOException(problem);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException("permission denied", ex);
        }
        catch (IOException ex)
        {
            // The system's message names the temporary file; the caller names the target.
            throw new IOException(ex.Message.Replace(temporary, full, StringComparison.Ordinal), ex);
        }
        finally
        {
            try
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done; the write's own error (if any) is the one to report.
            }
        }
    }

    /// <summary>A short reason from an I/O error, without the path (the caller's message names it once).</summary>
    public static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder does not exist",
        IOException io when io.InnerException is UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };
}
