using Symbolic.Language;
using Symbolic.Plotting;
using Symbolic.Syntax;

namespace Symbolic.Repl;

/// <summary>
/// Batch mode: runs a whole script through one <see cref="Session"/>, values to stdout (one line each),
/// errors to stderr with a caret line, going on after errors.
/// </summary>
internal static class BatchRunner
{
    /// <summary>Runs <paramref name="source"/> and returns the exit code: 1 if any statement failed, else 0.</summary>
    /// <example><c>BatchRunner.Run("x = 2\nx^2", Console.Out, Console.Error)</c> prints <c>4</c> and returns 0.</example>
    /// <param name="timeout">The time limit of each statement, or null for none.</param>
    public static int Run(string source, TextWriter output, TextWriter error, TimeSpan? timeout = null)
    {
        var session = new Session(null, new PlottingExtension()) { Timeout = timeout };
        session.Note += note => InteractiveLoop.WriteNote(output, error, note);
        var text = new SourceText(source);
        bool failed = false;
        foreach (var outcome in session.Execute(source))
        {
            foreach (var line in outcome.Output) output.WriteLine(line);
            if (outcome.Error is { } diagnostic)
            {
                failed = true;
                DiagnosticPrinter.Print(output, error, text, diagnostic);
            }
            if (outcome.Quit) break;
        }
        output.Flush();
        return failed ? ExitCodes.StatementFailed : ExitCodes.Success;
    }
}
