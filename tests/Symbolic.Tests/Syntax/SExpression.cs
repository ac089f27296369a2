using Symbolic.Syntax;

namespace Symbolic.Tests.Syntax;

/// <summary>
/// Prints a syntax tree fully parenthesized, Lisp style, so a test can state a tree's shape in one
/// line: <c>(+ 1 (* 2 3))</c>, <c>(neg (^ x 2))</c>, <c>(imul 2 x)</c> for juxtaposition,
/// <c>(call f x (= rate 1))</c>, <c>(vec 1 2)</c>, <c>(let a 3)</c>, <c>(def f (x y) body)</c>, <c>(cmd quit)</c>.
/// </summary>
internal static class SExpression
{
    public static string Print(SyntaxNode node) => node switch
    {
        ExpressionStatementSyntax s => Print(s.Expression),
        BindingSyntax b => $"(let {b.Name.Name} {Print(b.Value)})",
        FunctionDefinitionSyntax d => $"(def {d.Name.Name} ({string.Join(" ", d.Parameters.Select(p => p.Name))}) {Print(d.Body)})",
        CommandSyntax c => c.Argument is null ? $"(cmd {c.Name})" : $"(cmd {c.Name} \"{c.Argument}\")",
        NumberSyntax n => n.Text,
        IdentifierSyntax i => i.Name,
        StringSyntax s => $"\"{s.Value}\"",
        UnarySyntax u => $"({(u.Operator == UnaryOperator.Minus ? "neg" : "pos")} {Print(u.Operand)})",
        BinarySyntax b => $"({Operator(b)} {Print(b.Left)} {Print(b.Right)})",
        CallSyntax c => $"(call {c.Name.Name}{string.Concat(c.Arguments.Select(a => " " + Print(a)))})",
        ArgumentSyntax { Name: null } a => Print(a.Value),
        ArgumentSyntax a => $"(= {a.Name!.Name} {Print(a.Value)})",
        VectorSyntax v => $"(vec{string.Concat(v.Elements.Select(e => " " + Print(e)))})",
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    private static string Operator(BinarySyntax b) => b.Operator switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => b.IsImplicit ? "imul" : "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };
}
