using System.Collections.Immutable;

namespace Symbolic.Syntax;

// The syntax tree says only what was written. Meaning (is `f(x)` a call or a product? is `x` bound?)
// is decided later by the evaluator, so the parser never needs to know the function table.

/// <summary>A node of the syntax tree with the span of source it was parsed from.</summary>
internal abstract record SyntaxNode(TextSpan Span);

// ----- statements -----

internal abstract record StatementSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>expr</c>: evaluate and print.</summary>
internal sealed record ExpressionStatementSyntax(ExprSyntax Expression, TextSpan Span) : StatementSyntax(Span);

/// <summary><c>name = expr</c>.</summary>
internal sealed record BindingSyntax(IdentifierSyntax Name, ExprSyntax Value, TextSpan Span) : StatementSyntax(Span);

/// <summary><c>f(x, y) = expr</c>.</summary>
internal sealed record FunctionDefinitionSyntax(
    IdentifierSyntax Name, ImmutableArray<IdentifierSyntax> Parameters, ExprSyntax Body, TextSpan Span) : StatementSyntax(Span);

/// <summary><c>:help</c>, <c>:vars</c>, <c>:clear</c>, <c>:quit</c> (name without the colon; Argument is the rest of the statement, trimmed, or null).</summary>
internal sealed record CommandSyntax(string Name, string? Argument, TextSpan Span) : StatementSyntax(Span);

// ----- expressions -----

internal abstract record ExprSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A number literal exactly as written: <c>12</c>, <c>3.25</c>, <c>1e-3</c>, <c>.5</c>.</summary>
internal sealed record NumberSyntax(string Text, TextSpan Span) : ExprSyntax(Span);

internal sealed record IdentifierSyntax(string Name, TextSpan Span) : ExprSyntax(Span);

/// <summary>A string literal; <see cref="Value"/> has the quotes removed and escapes resolved.</summary>
internal sealed record StringSyntax(string Value, TextSpan Span) : ExprSyntax(Span);

internal enum UnaryOperator { Plus, Minus }

internal sealed record UnarySyntax(UnaryOperator Operator, ExprSyntax Operand, TextSpan Span) : ExprSyntax(Span);

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, Power }

/// <summary>A binary operation as written.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="IsImplicit">True for juxtaposition such as <c>2x</c> or <c>(a)(b)</c>.</param>
/// <param name="Span">The whole operation's characters in the source.</param>
internal sealed record BinarySyntax(BinaryOperator Operator, ExprSyntax Left, ExprSyntax Right, bool IsImplicit, TextSpan Span) : ExprSyntax(Span);

/// <summary><c>name(arg, ..., key = value)</c>. Always a call syntactically; see the evaluator.</summary>
internal sealed record CallSyntax(IdentifierSyntax Name, ImmutableArray<ArgumentSyntax> Arguments, TextSpan Span) : ExprSyntax(Span);

/// <summary>A positional argument (<see cref="Name"/> null) or a named one (<c>rate = 0.1</c>).</summary>
internal sealed record ArgumentSyntax(IdentifierSyntax? Name, ExprSyntax Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// What a <see cref="ISumReducer"/> made of the sum it was given while parsing: <see cref="Value"/> is opaque
/// to the syntax layer (<c>Expr.Parse</c> puts the bound expression here, or the error binding it raised).
/// </summary>
internal sealed record ReducedSyntax(object Value, TextSpan Span) : ExprSyntax(Span);

/// <summary>
/// Takes the terms of an expression's outermost sum one by one, as soon as the parser has read each, so a
/// caller can turn them into values at once (<c>Expr.Parse</c> binds them): the syntax of a term then dies
/// before the next term is parsed, instead of living, with the chain of additions, until the whole sum has
/// been read. See <see cref="SyntaxParser.ParseExpression"/>.
/// </summary>
internal interface ISumReducer
{
    /// <summary>The next term as written; <paramref name="subtract"/> when a '-' stands before it.</summary>
    /// <remarks>Must not throw for a term it cannot reduce: a syntax error further on is reported first.</remarks>
    void Add(ExprSyntax term, bool subtract);

    /// <summary>What stands for the whole sum (its text is <paramref name="span"/>) once it has been read.</summary>
    /// <remarks>Must not throw either; it is called only when the whole text has parsed.</remarks>
    ExprSyntax Complete(TextSpan span);
}

/// <summary><c>[a, b]</c>; a matrix is a vector of vectors.</summary>
internal sealed record VectorSyntax(ImmutableArray<ExprSyntax> Elements, TextSpan Span) : ExprSyntax(Span);
