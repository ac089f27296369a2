using Symbolic.Language;
using Symbolic.Plotting;
using Symbolic.Syntax;

namespace Symbolic.Repl;

/// <summary>
/// Interactive mode: a prompt, one input at a time through one <see cref="Session"/>. An error is shown
/// with a caret under its column and never ends the session; <c>:quit</c>, <c>exit</c>, <c>quit</c>,
/// <c>quit()</c> or end of input (Ctrl-D) does. This is the plain loop, used when the terminal cannot
/// show a line editor (<c>TERM=dumb</c>, output redirected); <see cref="TerminalLoop"/> is the editor's.
/// </summary>
internal static class InteractiveLoop
{
    public const string Prompt = "> ";

    public static string Greeting => $"Symbolic {Program.Version} — type :help for help, :quit to leave";

    /// <summary>Reads lines from <paramref name="input"/> until <c>:quit</c> or end of input; returns the exit code (always 0).</summary>
    /// <param name="timeout">The time limit of each statement, or null for none.</param>
    public static int Run(TextReader input, TextWriter output, TextWriter error, TimeSpan? timeout = null)
    {
        // Ctrl-C cancels the running statement (through its compute context) and keeps the session.
        CancellationTokenSource? running = null;
        // Plots also appear inline in a terminal that shows images (kitty or iTerm2 protocol).
        var session = new Session(() => new ComputeContext(cancellation: Volatile.Read(ref running)?.Token ?? default),
            new PlottingExtension { ShowImage = TerminalImages.ForTerminal(output) })
        { Timeout = timeout };
        session.Note += note => WriteNote(output, error, note);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Volatile.Read(ref running)?.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Loop(session, input, output, error, ref running);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Loop(Session session, TextReader input, TextWriter output, TextWriter error, ref CancellationTokenSource? running)
    {
        output.WriteLine(Greeting);
        while (true)
        {
            output.Write(Prompt);
            output.Flush();
            string? line = input.ReadLine();
            if (line is null)
            {
                // Ctrl-D: end the prompt's line so the shell's prompt starts on a fresh one.
                output.WriteLine();
                output.Flush();
                return ExitCodes.Success;
            }
            if (IsLeaveWord(line)) return ExitCodes.Success;
            using var statement = new CancellationTokenSource();
            Volatile.Write(ref running, statement);
            try
            {
                if (RunInput(session, line, output, error, Painter.Plain)) return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportInternalError(output, error, ex);
            }
            finally
            {
                Volatile.Write(ref running, null);
            }
        }
    }

    /// <summary>True for the words people type to leave a REPL: <c>exit</c>, <c>quit</c>, <c>exit()</c>, <c>quit()</c>.</summary>
    /// <remarks>Only a whole input counts, so <c>quit + 1</c> is still the symbol quit plus one.</remarks>
    public static bool IsLeaveWord(string input) => input.Trim() is "exit" or "quit" or "exit()" or "quit()";

    /// <summary>
    /// Runs one input (it may hold several statements separated by ';' or line breaks); true when it asked
    /// to quit. Error positions count lines within this input. After a cancelled statement the rest of the
    /// input is skipped: Ctrl-C means stop.
    /// </summary>
    public static bool RunInput(Session session, string input, TextWriter output, TextWriter error, Painter painter)
    {
        var text = new SourceText(input);
        foreach (var outcome in session.Execute(JoinBracketedLines(input)))
        {
            bool isCommand = input.AsSpan(outcome.Span.Start).TrimStart().StartsWith(":");
            for (int i = 0; i < outcome.Output.Count; i++)
            {
                bool isValue = i == outcome.Output.Count - 1 && !isCommand;
                output.WriteLine(isValue ? painter.Value(outcome.Output[i]) : outcome.Output[i]);
            }
            if (outcome.Error is { } diagnostic)
            {
                output.Flush();
                var lines = DiagnosticPrinter.Format(text, diagnostic);
                error.WriteLine(painter.ErrorHeader(lines[0]));
                error.WriteLine(lines[1]);
                error.WriteLine(painter.Caret(lines[2]));
                error.Flush();
                if (diagnostic.Code == ErrorCodes.Cancelled) break;
            }
            if (outcome.Quit)
            {
                output.Flush();
                return true;
            }
        }
        output.Flush();
        return false;
    }

    /// <summary>A note (a likely typo) on stderr, after the lines already written to stdout.</summary>
    public static void WriteNote(TextWriter output, TextWriter error, string note)
    {
        output.Flush();
        error.WriteLine(note);
        error.Flush();
    }

    /// <summary>A bug in the library must not end an interactive session; say so and read on.</summary>
    public static void ReportInternalError(TextWriter output, TextWriter error, Exception ex)
    {
        output.Flush();
        error.WriteLine($"error: internal error: {ex.GetType().Name}: {ex.Message}");
        error.Flush();
    }

    /// <summary>
    /// The input with every line break inside brackets (and a comment before it) turned into spaces: in
    /// the language a line break ends a statement, but lines the REPL read while brackets were open are
    /// one statement. Offsets do not move, so errors are still placed by the lines of the input.
    /// </summary>
    public static string JoinBracketedLines(string input)
    {
        if (!input.Contains('\n')) return input;
        var chars = input.ToCharArray();
        int depth = 0, commentStart = -1;
        bool inString = false;
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (commentStart >= 0)
            {
                if (c != '\n') continue;
                if (depth > 0) Array.Fill(chars, ' ', commentStart, i - commentStart);
                commentStart = -1;
            }
            if (inString)
            {
                if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '#': commentStart = i; break;
                case '(' or '[': depth++; break;
                case ')' or ']': depth = Math.Max(0, depth - 1); break;
                case '\n' when depth > 0: chars[i] = ' '; break;
            }
        }
        return new string(chars);
    }

    /// <summary>
    /// True while <paramref name="input"/> has more '(' and '[' open than closed (outside strings and
    /// <c>#</c> comments): the statement goes on, so the REPL reads another line.
    /// </summary>
    public static bool HasOpenBrackets(string input)
    {
        int depth = 0;
        bool inString = false, inComment = false;
        foreach (char c in input)
        {
            if (c == '\n') inComment = false;
            if (inComment) continue;
            if (inString)
            {
                if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '#': inComment = true; break;
                case '(' or '[': depth++; break;
                case ')' or ']': depth--; break;
            }
        }
        return depth > 0;
    }
}

/// <summary>ANSI colors for values, error headers and carets; <see cref="Plain"/> adds none.</summary>
internal sealed class Painter(bool color)
{
    /// <summary>No colors: redirected output, <c>NO_COLOR</c>, <c>TERM=dumb</c>.</summary>
    public static Painter Plain { get; } = new(false);

    /// <summary>True when this painter writes escape codes.</summary>
    public bool Color { get; } = color;

    public string Value(string line) => Paint(line, "32");          // green
    public string ErrorHeader(string line) => Paint(line, "1;31");  // bold red
    public string Caret(string line) => Paint(line, "31");          // red
    public string Note(string line) => Paint(line, "33");           // yellow
    public string Dim(string line) => Paint(line, "2");

    private string Paint(string text, string sgr) => Color ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}
