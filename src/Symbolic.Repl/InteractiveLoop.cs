using Symbolic.Language;
using Symbolic.Plotting;
using Symbolic.Syntax;

namespace Symbolic.Repl;

/// <summary>
/// Interactive mode: a prompt, one line at a time through one <see cref="Session"/>. An error is shown
/// with a caret under its column and never ends the session; <c>:quit</c> or end of input (Ctrl-D) does.
/// </summary>
internal static class InteractiveLoop
{
    public const string Prompt = "> ";

    public static string Greeting => $"Symbolic {Program.Version} — type :help for help, :quit to leave";

    /// <summary>Reads lines from <paramref name="input"/> until <c>:quit</c> or end of input; returns the exit code (always 0).</summary>
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        // Plots also appear inline in a terminal that shows images (kitty or iTerm2 protocol).
        var session = new Session(null, new PlottingExtension { ShowImage = TerminalImages.ForTerminal(output) });
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
            try
            {
                if (RunLine(session, line, output, error)) return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug in the library must not end an interactive session; say so and read on.
                output.Flush();
                error.WriteLine($"error: internal error: {ex.GetType().Name}: {ex.Message}");
                error.Flush();
            }
        }
    }

    // Runs one entered line (it may hold several statements separated by ';'); true when it asked to quit.
    private static bool RunLine(Session session, string line, TextWriter output, TextWriter error)
    {
        var text = new SourceText(line);
        foreach (var outcome in session.Execute(line))
        {
            foreach (var value in outcome.Output) output.WriteLine(value);
            if (outcome.Error is { } diagnostic) DiagnosticPrinter.Print(output, error, text, diagnostic);
            if (outcome.Quit)
            {
                output.Flush();
                return true;
            }
        }
        output.Flush();
        return false;
    }
}
