using System.Runtime.ExceptionServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>One statement of a source: either its syntax tree or the reason it did not parse.</summary>
/// <param name="Statement">The parsed statement, or null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the statement did not parse, or null.</param>
/// <param name="Span">The statement's text in the whole source, without its ';' or line break.</param>
public sealed record ParsedStatement(StatementSyntax? Statement, Diagnostic? Error, TextSpan Span);

/// <summary>
/// Text to syntax tree: a facade over the ANTLR parser generated from grammar/Symbolic.g4.
/// Spans are UTF-16 offsets into the whole source; <see cref="SourceText"/> turns them into line:column.
/// </summary>
/// <example>
/// <code>
/// foreach (var item in SyntaxParser.ParseStatements("a = 2\nf(x) = a x^2; f(3)"))
///     Console.WriteLine(item.Statement?.ToString() ?? item.Error!.Message);
/// ExprSyntax e = SyntaxParser.ParseExpression("3x^2 + 2x*y");
/// </code>
/// </example>
public static class SyntaxParser
{
    /// <summary>The deepest nesting (brackets, signs and exponents within one another) a statement may have.</summary>
    public const int MaxNestingDepth = 10_000;

    // Past this estimated depth the parse runs on a thread of its own with a stack big enough for
    // MaxNestingDepth levels; below it the caller's stack is plenty.
    private const int LargeStackThreshold = 200;
    private const int LargeStackSize = 512 * 1024 * 1024;

    /// <summary>
    /// Splits <paramref name="source"/> into statements and parses each one alone, so one bad statement
    /// does not stop the others. A statement ends at every ';' and at every line break (also inside
    /// brackets: one statement per line); the split is made on tokens, so a ';' or '#' in a string
    /// literal is no separator. Empty statements (blank lines, comment-only lines, <c>;;</c>) give no item.
    /// </summary>
    /// <example><c>ParseStatements("a = 1; b = 2\nc")</c> gives three statements.</example>
    public static IReadOnlyList<ParsedStatement> ParseStatements(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = Lex(source);
        var lines = new Lazy<SourceText>(() => new SourceText(source));
        var statements = new List<ParsedStatement>();
        int first = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            int type = tokens[i].Type;
            if (type is not (SymbolicLexer.SEMI or SymbolicLexer.NEWLINE or TokenConstants.EOF)) continue;
            if (i > first)
            {
                var statement = new TokenRange(tokens, first, i, lines);
                try
                {
                    var syntax = Parse(statement, p => AstBuilder.Instance.BuildStatement(p.statement(), statement.Span));
                    statements.Add(new ParsedStatement(syntax, null, statement.Span));
                }
                catch (SymbolicException e)
                {
                    statements.Add(new ParsedStatement(null, e.Diagnostic, statement.Span));
                }
            }
            first = i + 1;
        }
        return statements;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as exactly one expression (line breaks count as spaces).
    /// Throws <see cref="SymbolicException"/> with the position of the first error.
    /// </summary>
    /// <example><c>ParseExpression("-x^2")</c> is <c>Unary(Minus, Binary(Power, x, 2))</c>.</example>
    public static ExprSyntax ParseExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lex(text);
        if (tokens.Exists(t => t.Type == SymbolicLexer.NEWLINE))
            tokens = Renumbered(tokens.Where(t => t.Type != SymbolicLexer.NEWLINE));
        if (tokens.Count == 1)
            throw new SymbolicException("expected an expression", new TextSpan(0, 0));
        var expression = new TokenRange(tokens, 0, tokens.Count - 1, new Lazy<SourceText>(() => new SourceText(text)));
        return Parse(expression, p => AstBuilder.Instance.BuildExpression(p.singleExpression()));
    }

    // The whole source as tokens, ending with EOF. The lexer never fails: a character it does not know
    // becomes an ERROR_CHAR token and an open string an UNTERMINATED_STRING token, both reported by
    // the parser where they stand.
    private static List<IToken> Lex(string source)
    {
        var lexer = new SymbolicLexer(new AntlrInputStream(source));
        lexer.RemoveErrorListeners();
        var tokens = new List<IToken>(source.Length / 2 + 16);
        IToken token;
        do
        {
            token = lexer.NextToken();
            ((CommonToken)token).TokenIndex = tokens.Count;
            tokens.Add(token);
        } while (token.Type != TokenConstants.EOF);
        return tokens;
    }

    // TokenRange finds a token's place from its TokenIndex, so a filtered list is numbered anew.
    private static List<IToken> Renumbered(IEnumerable<IToken> tokens)
    {
        var list = tokens.ToList();
        for (int i = 0; i < list.Count; i++) ((CommonToken)list[i]).TokenIndex = i;
        return list;
    }

    private static T Parse<T>(TokenRange range, Func<SymbolicParser, T> rule)
    {
        int depth = NestingDepth(range, out int tooDeepAt);
        if (tooDeepAt >= 0)
            throw new SymbolicException(
                $"expression is nested too deeply (more than {MaxNestingDepth} levels)", range.SpanOf(range[tooDeepAt]));
        return depth > LargeStackThreshold
            ? OnLargeStack(() => ParseTwoStage(range, rule))
            : ParseTwoStage(range, rule);
    }

    // SLL prediction is fast and right for every valid statement of this grammar; on an error, parse
    // again with full LL so the reported token is the one a person would point at.
    private static T ParseTwoStage<T>(TokenRange range, Func<SymbolicParser, T> rule)
    {
        var stream = new TokenRangeStream(range);
        // No generic parse tree: AstBuilder reads the labeled fields of the rule contexts instead.
        var parser = new ReducingParser(stream) { ErrorHandler = new BailErrorStrategy(), BuildParseTree = false };
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        try
        {
            return rule(parser);
        }
        catch (ParseCanceledException)
        {
        }

        stream.Seek(0);
        parser.Reset();
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        try
        {
            return rule(parser);
        }
        catch (ParseCanceledException e)
        {
            var offending = (e.InnerException as RecognitionException)?.OffendingToken ?? parser.CurrentToken;
            throw new SymbolicException(ParseErrors.Describe(range, range.IndexOf(offending)));
        }
    }

    // Runs a deep parse on a thread whose stack fits MaxNestingDepth levels, so deep input gives a
    // result or a diagnostic instead of a stack overflow, which would end the process.
    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, LargeStackSize)
        { IsBackground = true, Name = "Symbolic deep parse" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    // An upper estimate of how deeply the parser, AstBuilder and the syntax tree nest: open brackets,
    // plus the signs and '^' that nest within one another (-(-x), 2^3^4, x^-y^-z). A run of those ends where an operand is
    // followed by anything but '^', or at a binary operator or ','. Returns the largest depth seen,
    // with tooDeepAt the index of the token where it first passes MaxNestingDepth (or -1).
    private static int NestingDepth(TokenRange range, out int tooDeepAt)
    {
        var outerRuns = new Stack<int>();
        int outerSum = 0, run = 0, max = 0;
        tooDeepAt = -1;
        for (int i = 0; i < range.Count; i++)
        {
            int type = range[i].Type;
            bool afterOperand = i > 0 && ParseErrors.EndsOperand(range[i - 1].Type);
            if (afterOperand && type != SymbolicLexer.POW) run = 0;
            switch (type)
            {
                case SymbolicLexer.LPAREN or SymbolicLexer.LBRACK or SymbolicLexer.CALL_OPEN:
                    outerRuns.Push(run);
                    outerSum += run;
                    run = 0;
                    break;
                case SymbolicLexer.RPAREN or SymbolicLexer.RBRACK when outerRuns.Count > 0:
                    run = outerRuns.Pop();
                    outerSum -= run;
                    break;
                case SymbolicLexer.POW:
                case SymbolicLexer.PLUS or SymbolicLexer.MINUS when !afterOperand:
                    run++;
                    break;
                case SymbolicLexer.STAR or SymbolicLexer.SLASH or SymbolicLexer.COMMA or SymbolicLexer.ASSIGN:
                    run = 0;
                    break;
            }
            int depth = outerRuns.Count + outerSum + run;
            if (depth > max)
            {
                max = depth;
                if (max > MaxNestingDepth)
                {
                    tooDeepAt = i;
                    return max;
                }
            }
        }
        return max;
    }
}
