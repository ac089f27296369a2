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
internal sealed record ParsedStatement(StatementSyntax? Statement, Diagnostic? Error, TextSpan Span);

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
internal static class SyntaxParser
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
        var input = new StringCharStream(source);
        var lines = new Lazy<SourceText>(() => new SourceText(source));
        var statements = new List<ParsedStatement>();
        foreach (var statement in Split(input))
        {
            try
            {
                var syntax = Parse(input, statement, lines, false, null, p => AstBuilder.BuildStatement(p.statement(), statement.Span));
                statements.Add(new ParsedStatement(syntax, null, statement.Span));
            }
            catch (SymbolicException e)
            {
                statements.Add(new ParsedStatement(null, e.Diagnostic, statement.Span));
            }
        }
        return statements;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as exactly one expression (line breaks count as spaces).
    /// Throws <see cref="SymbolicException"/> with the position of the first error.
    /// </summary>
    /// <param name="text">The expression.</param>
    /// <param name="newSumReducer">
    /// Optional: makes the reducer that takes the terms of the outermost sum as they are parsed; what its
    /// <see cref="ISumReducer.Complete"/> returns is the result. Called once per attempt (a parse may be
    /// tried again, e.g. on a larger stack), so each attempt starts afresh.
    /// </param>
    /// <example><c>ParseExpression("-x^2")</c> is <c>Unary(Minus, Binary(Power, x, 2))</c>.</example>
    public static ExprSyntax ParseExpression(string text, Func<ISumReducer>? newSumReducer = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The whole text is one statement (a ';' in it is an error), so unlike ParseStatements there is
        // no first pass over the tokens to find statements: the source is lexed once, as the parser
        // reads it, and the nesting is measured on the way. Only an input that turns out deeply nested
        // is parsed again from the start, on a thread with a stack big enough for it.
        var input = new StringCharStream(text);
        var whole = new StatementExtent(0, text.Length, text.Length, Depth: 0, TooDeep: null);
        var lines = new Lazy<SourceText>(() => new SourceText(text));
        ExprSyntax Parse(int maxDepth) => ParseTwoStage(input, whole, lines, true, newSumReducer,
            p => AstBuilder.BuildExpression(p.singleExpression()), maxDepth);
        try
        {
            return Parse(LargeStackThreshold);
        }
        catch (NeedsLargeStackException)
        {
            return OnLargeStack(() => Parse(MaxNestingDepth));
        }
    }

    // The first pass of ParseStatements: lexes the whole source once, cutting it into statements at
    // ';' and line breaks, and estimating each statement's nesting.
    // The lexer never fails: a character it does not know becomes an ERROR_CHAR token and an open
    // string an UNTERMINATED_STRING token, both reported by the parser where they stand.
    private static List<StatementExtent> Split(ICharStream input)
    {
        // Only each token's type and offsets are read, before the next one is asked for.
        var lexer = new SymbolicLexer(input) { TokenFactory = ReusedTokenFactory.Instance };
        lexer.RemoveErrorListeners();
        var statements = new List<StatementExtent>();
        var nesting = new NestingEstimate();
        int start = -1, end = 0;
        TextSpan? tooDeep = null;
        for (var token = lexer.NextToken(); ; token = lexer.NextToken())
        {
            int type = token.Type;
            bool ends = type is TokenConstants.EOF or SymbolicLexer.SEMI or SymbolicLexer.NEWLINE;
            if (ends)
            {
                if (start >= 0) statements.Add(new StatementExtent(start, end, token.StartIndex, nesting.Max, tooDeep));
                if (type == TokenConstants.EOF) return statements;
                (start, tooDeep, nesting) = (-1, null, new NestingEstimate());
                continue;
            }
            if (start < 0) start = token.StartIndex;
            end = token.StopIndex + 1;
            if (nesting.Add(type) > MaxNestingDepth && tooDeep is null)
                tooDeep = TextSpan.FromBounds(token.StartIndex, end);
        }
    }

    private static T Parse<T>(StringCharStream input, StatementExtent statement, Lazy<SourceText> lines, bool newlinesAreSpaces,
        Func<ISumReducer>? newSumReducer, Func<SymbolicParser, T> rule)
    {
        if (statement.TooDeep is { } span) throw TooDeep(span);
        return statement.Depth > LargeStackThreshold
            ? OnLargeStack(() => ParseTwoStage(input, statement, lines, newlinesAreSpaces, newSumReducer, rule, MaxNestingDepth))
            : ParseTwoStage(input, statement, lines, newlinesAreSpaces, newSumReducer, rule, MaxNestingDepth);
    }

    internal static SymbolicException TooDeep(TextSpan span) =>
        new($"expression is nested too deeply (more than {MaxNestingDepth} levels)", span, ErrorCodes.TooDeep);

    // SLL prediction is fast and right for every valid statement of this grammar; on an error, parse
    // again with full LL so the reported token is the one a person would point at.
    // maxDepth: the nesting the token source lets through; past it, the parse is abandoned with
    // TooDeep, or with NeedsLargeStackException while that is still at most MaxNestingDepth.
    private static T ParseTwoStage<T>(StringCharStream input, StatementExtent statement, Lazy<SourceText> lines,
        bool newlinesAreSpaces, Func<ISumReducer>? newSumReducer, Func<SymbolicParser, T> rule, int maxDepth)
    {
        try
        {
            return rule(NewParser(PredictionMode.SLL));
        }
        catch (ParseCanceledException)
        {
        }

        var parser = NewParser(PredictionMode.LL);
        try
        {
            return rule(parser);
        }
        catch (ParseCanceledException e)
        {
            var offending = (e.InnerException as RecognitionException)?.OffendingToken ?? parser.CurrentToken;
            // Reading the whole statement also measures its whole nesting: too deep a statement is
            // reported as that even where a syntax error comes first.
            var tokens = new StatementTokenSource(input, statement, newlinesAreSpaces, MaxNestingDepth).ReadAll(lines);
            if (tokens.Count == 0)
                throw new SymbolicException("expected an expression", new TextSpan(statement.Start, 0), ErrorCodes.Syntax);
            throw new SymbolicException(ParseErrors.Describe(tokens, offending.TokenIndex));
        }

        ReducingParser NewParser(PredictionMode mode)
        {
            var parser = new ReducingParser(new StatementTokenSource(input, statement, newlinesAreSpaces, maxDepth), newSumReducer?.Invoke())
            {
                ErrorHandler = new BailErrorStrategy(),
                // No generic parse tree: AstBuilder reads the labeled fields of the rule contexts instead.
                BuildParseTree = false,
            };
            parser.RemoveErrorListeners();
            parser.Interpreter.PredictionMode = mode;
            return parser;
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
}

/// <summary>
/// An upper estimate of how deeply the parser, AstBuilder and the syntax tree nest, fed one token
/// type at a time: open brackets, plus the signs and '^' that nest within one another (-(-x),
/// 2^3^4, x^-y^-z). A run of those ends where an operand is followed by anything but '^', or at a
/// binary operator or ','.
/// </summary>
internal sealed class NestingEstimate
{
    private readonly Stack<int> _outerRuns = new();
    private int _outerSum, _run, _previous = TokenConstants.InvalidType;

    /// <summary>The largest depth seen so far.</summary>
    public int Max { get; private set; }

    /// <summary>Takes the next token type; returns the depth at it.</summary>
    public int Add(int type)
    {
        bool afterOperand = ParseErrors.EndsOperand(_previous);
        _previous = type;
        if (afterOperand && type != SymbolicLexer.POW) _run = 0;
        switch (type)
        {
            case SymbolicLexer.LPAREN or SymbolicLexer.LBRACK or SymbolicLexer.CALL_OPEN:
                _outerRuns.Push(_run);
                _outerSum += _run;
                _run = 0;
                break;
            case SymbolicLexer.RPAREN or SymbolicLexer.RBRACK when _outerRuns.Count > 0:
                _run = _outerRuns.Pop();
                _outerSum -= _run;
                break;
            case SymbolicLexer.POW:
            case SymbolicLexer.PLUS or SymbolicLexer.MINUS when !afterOperand:
                _run++;
                break;
            case SymbolicLexer.STAR or SymbolicLexer.SLASH or SymbolicLexer.COMMA or SymbolicLexer.ASSIGN:
                _run = 0;
                break;
        }
        int depth = _outerRuns.Count + _outerSum + _run;
        Max = Math.Max(Max, depth);
        return depth;
    }
}

/// <summary>
/// Hands the lexer one token object to fill in again and again, for a pass that reads each token
/// before asking for the next: lexing a 200,000-character source then allocates no tokens at all.
/// Not thread-safe, hence one instance per thread.
/// </summary>
internal sealed class ReusedTokenFactory : ITokenFactory
{
    [ThreadStatic] private static ReusedTokenFactory? _instance;
    private readonly CommonToken _token = new(TokenConstants.InvalidType);

    public static ReusedTokenFactory Instance => _instance ??= new ReusedTokenFactory();

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel,
        int start, int stop, int line, int charPositionInLine)
    {
        _token.Type = type;
        _token.Channel = channel;
        _token.StartIndex = start;
        _token.StopIndex = stop;
        _token.Line = line;
        _token.Column = charPositionInLine;
        return _token;
    }

    public IToken Create(int type, string text) => new CommonToken(type, text);
}
