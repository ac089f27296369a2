using RadLine;
using Spectre.Console;
using Symbolic.Language;

namespace Symbolic.Repl;

/// <summary>
/// Interactive mode in a terminal, with RadLine's line editor: arrows, Home/End, Ctrl-A/E/K/W, word moves
/// (Ctrl-Left/Right), history across sessions (Up/Down, Ctrl-R; kept in <see cref="HistoryFile"/>), Tab completion of
/// function, operation, command and bound names, syntax colors, and more lines while brackets are open.
/// Ctrl-C while a statement runs cancels it through its <see cref="ComputeContext"/> (the session and its
/// bindings stay); Ctrl-C at the prompt drops the input; Ctrl-D on an empty line leaves.
/// </summary>
internal static class TerminalLoop
{
    private const int HistoryLimit = 1000;

    /// <summary>The history file: <c>$SYMBOLIC_HISTORY</c>, else <c>~/.symbolic_history</c>.</summary>
    public static string HistoryFile =>
        Environment.GetEnvironmentVariable("SYMBOLIC_HISTORY") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".symbolic_history");

    public static int Run(TextWriter output, TextWriter error, TimeSpan? timeout, bool color)
    {
        var painter = new Painter(color);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });

        // One source per statement, read by the session's context factory: Ctrl-C cancels the running one.
        CancellationTokenSource? running = null;
        CancellationTokenSource? reading = null;
        bool interrupted = false;
        var session = new Session(() => new ComputeContext(cancellation: Volatile.Read(ref running)?.Token ?? default)) { Timeout = timeout };
        session.Note += note => InteractiveLoop.WriteNote(output, error, painter.Note(note));

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // never end the process: the session and its bindings stay
            if (Volatile.Read(ref running) is { } statement) statement.Cancel();
            else if (Volatile.Read(ref reading) is { } line)
            {
                interrupted = true;
                line.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;

        var prompt = new InputPrompt(color);
        var editor = new LineEditor(console)
        {
            Prompt = prompt,
            Completion = new NameCompletion(session),
            Highlighter = color ? new SyntaxHighlighter(session) : null,
        };
        var history = LoadHistory(editor);
        BindKeys(editor.KeyBindings, history);

        // Let .NET put the terminal into its key-at-a-time mode now, not at the first key read, so keys
        // typed while the prompt is drawn are not echoed by the terminal's line mode.
        _ = Console.KeyAvailable;
        output.WriteLine(InteractiveLoop.Greeting);
        output.Flush();
        try
        {
            while (true)
            {
                var pending = new List<string>();
                string? input = null;
                while (true)
                {
                    reading = new CancellationTokenSource();
                    interrupted = false;
                    prompt.Continuation = pending.Count > 0;
                    string? line;
                    try
                    {
                        line = editor.ReadLine(reading.Token).GetAwaiter().GetResult();
                    }
                    catch (OperationCanceledException)
                    {
                        line = null;
                    }
                    finally
                    {
                        Volatile.Write(ref reading, null);
                    }
                    if (interrupted)
                    {
                        // Ctrl-C at the prompt drops what was typed, as in a shell.
                        console.WriteLine();
                        pending.Clear();
                        break;
                    }
                    if (line is null) return Leave(console);
                    history.Append(line);
                    pending.Add(line);
                    input = string.Join('\n', pending);
                    if (!InteractiveLoop.HasOpenBrackets(input)) break;
                    input = null;
                }
                if (input is null) continue;
                if (InteractiveLoop.IsLeaveWord(input)) return Leave(console);

                var statement = new CancellationTokenSource();
                Volatile.Write(ref running, statement);
                try
                {
                    if (InteractiveLoop.RunInput(session, input, output, error, painter)) return Leave(console);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    InteractiveLoop.ReportInternalError(output, error, ex);
                }
                finally
                {
                    Volatile.Write(ref running, null);
                    statement.Dispose();
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // Leaves with the cursor shown and on a fresh line; .NET restores the terminal's modes at exit.
    private static int Leave(IAnsiConsole console)
    {
        console.Cursor.Show();
        return ExitCodes.Success;
    }

    private static void BindKeys(KeyBindings keys, History history)
    {
        keys.Add(ConsoleKey.R, ConsoleModifiers.Control, () => new ReverseSearchCommand(history.Lines));
        // One line at a time (more are read while brackets are open), so Up and Down walk the history.
        keys.Add<PreviousHistoryCommand>(ConsoleKey.UpArrow);
        keys.Add<NextHistoryCommand>(ConsoleKey.DownArrow);
        keys.Add<PreviousHistoryCommand>(ConsoleKey.P, ConsoleModifiers.Control);
        keys.Add<NextHistoryCommand>(ConsoleKey.N, ConsoleModifiers.Control);
        keys.Add<MoveHomeCommand>(ConsoleKey.A, ConsoleModifiers.Control);
        keys.Add<MoveEndCommand>(ConsoleKey.E, ConsoleModifiers.Control);
        keys.Add<MoveLeftCommand>(ConsoleKey.B, ConsoleModifiers.Control);
        keys.Add<MoveRightCommand>(ConsoleKey.F, ConsoleModifiers.Control);
        keys.Add<KillToEndCommand>(ConsoleKey.K, ConsoleModifiers.Control);
        keys.Add<KillToStartCommand>(ConsoleKey.U, ConsoleModifiers.Control);
        keys.Add<KillPreviousWordCommand>(ConsoleKey.W, ConsoleModifiers.Control);
        keys.Add<KillPreviousWordCommand>(ConsoleKey.Backspace, ConsoleModifiers.Control);
        keys.Add<EndOfInputCommand>(ConsoleKey.D, ConsoleModifiers.Control);
        keys.Add<BackspaceCommand>(ConsoleKey.H, ConsoleModifiers.Control);
        // Ctrl-J (line feed; .NET reads it as Ctrl+Enter) submits as Enter does: it is what Enter arrives as when typed before the
        // terminal left its line mode, e.g. keys typed ahead while the REPL starts.
        keys.Add<SubmitCommand>(ConsoleKey.Enter, ConsoleModifiers.Control);
    }

    private static History LoadHistory(LineEditor editor)
    {
        var history = new History(HistoryFile);
        foreach (var line in history.Load(HistoryLimit)) editor.History.Add(line);
        return history;
    }

    /// <summary>The history file: one entered line per line, appended as it is entered, so two sessions
    /// at once both keep theirs. A file that cannot be read or written only costs the history.</summary>
    internal sealed class History(string path)
    {
        private readonly List<string> _lines = new();
        private string? _last;

        /// <summary>The lines of this and earlier sessions, oldest first.</summary>
        public IReadOnlyList<string> Lines => _lines;

        public IEnumerable<string> Load(int limit)
        {
            try
            {
                if (!File.Exists(path)) return [];
                var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).TakeLast(limit).ToList();
                _last = lines.LastOrDefault();
                _lines.AddRange(lines);
                return lines;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }

        public void Append(string line)
        {
            if (line.Trim().Length == 0 || line == _last) return;
            _last = line;
            _lines.Add(line);
            try
            {
                File.AppendAllText(path, line + "\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}

/// <summary>Ctrl-K: deletes from the cursor to the end of the line.</summary>
internal sealed class KillToEndCommand : LineEditorCommand
{
    public override void Execute(LineEditorContext context) =>
        context.Buffer.Clear(context.Buffer.Position, context.Buffer.Length - context.Buffer.Position);
}

/// <summary>Ctrl-U: deletes from the start of the line to the cursor.</summary>
internal sealed class KillToStartCommand : LineEditorCommand
{
    public override void Execute(LineEditorContext context)
    {
        int position = context.Buffer.Position;
        context.Buffer.Clear(0, position);
        context.Buffer.Move(0);
    }
}

/// <summary>Ctrl-W: deletes the name or number before the cursor (or one other character), and the spaces after it.</summary>
internal sealed class KillPreviousWordCommand : LineEditorCommand
{
    public override void Execute(LineEditorContext context)
    {
        var buffer = context.Buffer;
        string text = buffer.Content;
        int end = buffer.Position, start = end;
        while (start > 0 && char.IsWhiteSpace(text[start - 1])) start--;
        if (start > 0 && IsWordChar(text[start - 1]))
            while (start > 0 && IsWordChar(text[start - 1])) start--;
        else if (start > 0) start--;
        if (start == end) return;
        buffer.Clear(start, end - start);
        buffer.Move(start);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.';
}

/// <summary>Ctrl-D: leaves on an empty line, else deletes the character under the cursor.</summary>
internal sealed class EndOfInputCommand : LineEditorCommand
{
    public override void Execute(LineEditorContext context)
    {
        if (context.Buffer.Length == 0) context.Submit(SubmitAction.Cancel);
        else context.Buffer.Clear(context.Buffer.Position, 1);
    }
}

/// <summary>The prompt: <c>&gt;</c> for a new input, <c>...</c> for a line that continues it (brackets open).</summary>
internal sealed class InputPrompt(bool color) : ILineEditorPrompt
{
    private readonly Markup _first = new(color ? "[green]>[/]" : ">");
    private readonly Markup _more = new(color ? "[grey]...[/]" : "...");

    public bool Continuation { get; set; }

    public (Markup Markup, int Margin) GetPrompt(ILineEditorState state, int line) => (Continuation ? _more : _first, 1);
}

/// <summary>
/// Ctrl-R: replaces the line with the latest history line that contains what was typed; pressed again, with
/// the next older one. (RadLine 0.6.0 has no search of its own; this is reverse search without a
/// separate search prompt: type part of a line, then Ctrl-R until it shows.)
/// </summary>
internal sealed class ReverseSearchCommand(IReadOnlyList<string> history) : LineEditorCommand
{
    private const string Query = "ReverseSearch.Query", Shown = "ReverseSearch.Shown", Index = "ReverseSearch.Index";

    public override void Execute(LineEditorContext context)
    {
        var buffer = context.Buffer;
        // Pressed again on the line it showed: go on with the same query from the match it showed.
        bool again = context.GetState<string?>(Shown, () => null) == buffer.Content;
        string query = again ? context.GetState(Query, () => buffer.Content) : buffer.Content;
        int from = again ? context.GetState(Index, () => history.Count) - 1 : history.Count - 1;
        for (int i = Math.Min(from, history.Count - 1); i >= 0; i--)
        {
            if (!history[i].Contains(query, StringComparison.Ordinal) || history[i] == buffer.Content) continue;
            buffer.Clear(0, buffer.Length);
            buffer.Move(0);
            buffer.Insert(history[i]);
            buffer.Move(history[i].Length);
            context.SetState(Query, query);
            context.SetState(Shown, history[i]);
            context.SetState(Index, i);
            return;
        }
    }
}
