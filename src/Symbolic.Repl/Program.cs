using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Text;

namespace Symbolic.Repl;

/// <summary>
/// The <c>symbolic</c> command: an interactive REPL when stdin is a terminal, otherwise a batch run of
/// a file, of <c>-e</c> statements, or of stdin.
/// </summary>
internal static class Program
{
    // Evaluation recurses over the expression tree; a large stack lets deep input (nested to the
    // parser's limit) finish instead of overflowing, which would kill the process without a message.
    private const int StackSize = 256 * 1024 * 1024;

    /// <summary>The time limit of a statement unless <c>--timeout</c> says otherwise, in seconds.</summary>
    public const double DefaultTimeoutSeconds = 30;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The version without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(Program).Assembly;
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString(3)
                ?? "0.0.0";
            int plus = version.IndexOf('+');
            return plus < 0 ? version : version[..plus];
        }
    }

    public static int Main(string[] args)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), Utf8) { AutoFlush = false };
        var error = new StreamWriter(Console.OpenStandardError(), Utf8) { AutoFlush = true };
        int exitCode = ExitCodes.InternalError;
        var worker = new Thread(() => exitCode = RunGuarded(args, output, error), StackSize) { Name = "symbolic" };
        worker.Start();
        worker.Join();
        return exitCode;
    }

    private static int RunGuarded(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return Run(args, output, error);
        }
        catch (Exception ex)
        {
            try { output.Flush(); } catch (IOException) { }
            error.WriteLine($"error: internal error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.InternalError;
        }
        finally
        {
            try { output.Flush(); } catch (IOException) { }
        }
    }

    private static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var evalOption = new Option<string[]>("--eval", "-e")
        {
            Description = "Run the statement STMT (repeatable; several are run in order as one script).",
            HelpName = "STMT",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var timeoutOption = new Option<double>("--timeout")
        {
            Description = "End a statement that runs longer than SECONDS with an error and go on (0: no limit).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        timeoutOption.Validators.Add(result =>
        {
            // A word that is no number at all is reported by the parser itself.
            if (result.Tokens.Count > 0
                && double.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
                && !(seconds is >= 0 and < double.PositiveInfinity))
                result.AddError($"--timeout must be a number of seconds, 0 or more (0 for no limit), got '{result.Tokens[0].Value}'");
        });
        var fileArgument = new Argument<FileInfo?>("FILE")
        {
            Description = "A script to run in batch mode: one statement per line, '#' comments.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var root = new RootCommand(
            "Symbolic: a computer algebra system for the calculus of machine learning.\n" +
            "With no FILE and no --eval, reads statements from stdin: interactively when it is a terminal,\n" +
            "otherwise as a batch. Batch runs print one line per value and errors on stderr.\n" +
            "A statement that runs longer than the time limit (--timeout) ends with an error such as\n" +
            "'error: 3:1: timed out after 30 s', and the run goes on; :limits shows and sets the limits.\n" +
            "\n" +
            "Exit codes:\n" +
            "  0   every statement ran\n" +
            "  1   at least one statement failed\n" +
            "  2   bad command line, or FILE could not be read\n" +
            "  70  internal error (a bug; please report it)")
        {
            fileArgument,
            evalOption,
            timeoutOption,
        };
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new PrintVersionAction();

        root.SetAction(parsed =>
        {
            var file = parsed.GetValue(fileArgument);
            var statements = parsed.GetValue(evalOption) ?? [];
            double seconds = parsed.GetValue(timeoutOption);
            TimeSpan? timeout = seconds > 0 && seconds < 365 * 86400.0 ? TimeSpan.FromSeconds(seconds) : null;
            if (file is not null && statements.Length > 0)
                return UsageError(error, "give either FILE or --eval, not both");
            if (file is not null)
            {
                if (!TryReadFile(file, out string source, out string reason))
                {
                    output.Flush();
                    error.WriteLine($"error: cannot read '{file}': {reason}");
                    return ExitCodes.Usage;
                }
                return BatchRunner.Run(source, output, error, timeout);
            }
            if (statements.Length > 0)
                return BatchRunner.Run(string.Join('\n', statements), output, error, timeout);
            if (Console.IsInputRedirected)
            {
                using var stdin = new StreamReader(Console.OpenStandardInput(), Utf8);
                return BatchRunner.Run(stdin.ReadToEnd(), output, error, timeout);
            }
            // The line editor needs a terminal on both sides that understands escape codes.
            if (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or ""))
                return TerminalLoop.Run(output, error, timeout, color: !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null or "");
            return InteractiveLoop.Run(Console.In, output, error, timeout);
        });

        var parseResult = root.Parse(args);
        // A word that starts with '-' where FILE would go is an option we do not know, not a file name
        // ("--" ends the options, so "symbolic -- -f" reads the file "-f"); "-" alone is not an option.
        var unknownOption = parseResult.Action is ParseErrorAction ? null
            : parseResult.GetResult(fileArgument)?.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-'
                && Array.IndexOf(args, "--") is var end && (end < 0 || Array.IndexOf(args, t.Value) < end));
        if (parseResult.Action is ParseErrorAction || unknownOption is not null)
        {
            output.Flush();
            if (unknownOption is not null) error.WriteLine($"error: unknown option '{unknownOption.Value}'");
            foreach (var parseError in parseResult.Errors) error.WriteLine($"error: {parseError.Message}");
            error.WriteLine();
            root.Parse("--help").Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitCodes.Usage;
        }
        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine("Try 'symbolic --help' for usage.");
        return ExitCodes.Usage;
    }

    private static bool TryReadFile(FileInfo file, out string source, out string reason)
    {
        source = "";
        reason = "";
        if (Directory.Exists(file.FullName))
        {
            reason = "it is a directory";
            return false;
        }
        try
        {
            source = File.ReadAllText(file.FullName, Utf8);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            reason = "no such file";
        }
        catch (UnauthorizedAccessException)
        {
            reason = "permission denied";
        }
        catch (IOException ex)
        {
            reason = ex.Message;
        }
        return false;
    }

    /// <summary><c>symbolic --version</c>: prints <c>symbolic 0.1.0</c>.</summary>
    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"symbolic {Version}");
            output.Flush();
            return ExitCodes.Success;
        }
    }
}
