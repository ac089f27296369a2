using System.Text;
using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Syntax;

namespace Symbolic.Tests.Syntax;

public class ParserPropertyTests
{
    // Pieces of the language, some broken on purpose (a lone quote, '$', half a number).
    private static readonly string[] Pieces =
    [
        "1", "2.5", ".5", "1e-3", "2E+4", "7.", "x", "y", "θ", "π", "sin", "f", "e", "_a",
        "+", "-", "*", "/", "^", "**", "(", ")", "[", "]", ",", "=", ";", "\n", "\r\n", ":", "help",
        "\"s\"", "\"a;b#\"", "\"", "\\", "#c", "$", "@", "🙂", "\uD83D", " ", "\t", ".",
    ];

    [Fact]
    public void ParseStatements_RandomTokenSequences_GiveStatementsOrDiagnostics()
    {
        var sources = Gen.Elements(Pieces).ListOf().Select(string.Concat).ToArbitrary();

        Within(TimeSpan.FromMinutes(2), () =>
            Prop.ForAll(sources, OnlyStatementsDiagnosticsOrSymbolicExceptions)
                .Check(Checks.Quick.WithMaxTest(2000).WithEndSize(60)));
    }

    [Fact]
    public void ParseStatements_RandomUnicodeStrings_GiveStatementsOrDiagnostics()
    {
        Within(TimeSpan.FromMinutes(2), () =>
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => OnlyStatementsDiagnosticsOrSymbolicExceptions(s ?? ""))
                .Check(Checks.Quick.WithMaxTest(1000)));
    }

    [Fact]
    public void ParseStatements_RandomBytes_GiveStatementsOrDiagnostics()
    {
        Within(TimeSpan.FromMinutes(2), () =>
            Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
                    OnlyStatementsDiagnosticsOrSymbolicExceptions(Encoding.UTF8.GetString(bytes ?? []))
                    && OnlyStatementsDiagnosticsOrSymbolicExceptions(Encoding.Latin1.GetString(bytes ?? [])))
                .Check(Checks.Quick.WithMaxTest(1000)));
    }

    // Random trees written with every parenthesis: parsing gives back the tree that was written.
    [Fact]
    public void ParseExpression_FullyParenthesizedRandomTrees_GiveTheWrittenTree()
    {
        var trees = Gen.Sized(size => Tree(Math.Min(size, 6))).ToArbitrary();

        Within(TimeSpan.FromMinutes(2), () =>
            Prop.ForAll(trees, t => SExpression.Print(SyntaxParser.ParseExpression(t.Text)) == t.Expected)
                .Check(Checks.Quick.WithMaxTest(500)));
    }

    private static bool OnlyStatementsDiagnosticsOrSymbolicExceptions(string source)
    {
        foreach (var item in SyntaxParser.ParseStatements(source))
        {
            if ((item.Statement is null) == (item.Error is null)) return false;
            if (!Within(item.Span, source) || item.Error is { } e && !Within(e.Span, source)) return false;
            if (item.Error is { Message: var m } && (m.Length == 0 || char.IsUpper(m[0]) || m.EndsWith('.'))) return false;
        }
        try
        {
            SyntaxParser.ParseExpression(source);
        }
        catch (SymbolicException e) when (Within(e.Span, source))
        {
        }
        return true;
    }

    private static bool Within(TextSpan span, string source) => span.Start >= 0 && span.End <= source.Length;

    private static readonly (string Text, string Expected)[] Leaves =
        [("x", "x"), ("2", "2"), ("3.5", "3.5"), ("θ", "θ"), ("\"s\"", "\"s\""), ("[]", "(vec)")];

    private static Gen<(string Text, string Expected)> Tree(int size)
    {
        var leaf = Gen.Elements(Leaves);
        if (size <= 0) return leaf;
        var child = Gen.Sized(_ => Tree(size / 2));
        var binary =
            from op in Gen.Elements(("+", "+"), ("-", "-"), ("*", "*"), ("/", "/"), ("^", "^"), ("**", "^"), ("", "imul"))
            from l in child
            from r in child
            select ($"({l.Text}){op.Item1}({r.Text})", $"({op.Item2} {l.Expected} {r.Expected})");
        var unary =
            from op in Gen.Elements(("-", "neg"), ("+", "pos"))
            from operand in child
            select ($"{op.Item1}({operand.Text})", $"({op.Item2} {operand.Expected})");
        var call =
            from a in child
            from b in child
            select ($"f({a.Text}, k = {b.Text})", $"(call f {a.Expected} (= k {b.Expected}))");
        var vector =
            from a in child
            from b in child
            select ($"[{a.Text}, {b.Text}]", $"(vec {a.Expected} {b.Expected})");
        return Gen.Frequency((1, leaf), (4, binary), (1, unary), (1, call), (1, vector));
    }

    // "Never a hang": a property that does not finish in time fails instead of blocking the run.
    private static void Within(TimeSpan limit, Action check)
    {
        var run = Task.Run(check);
        Assert.True(run.Wait(limit), $"the property did not finish within {limit}");
    }
}
