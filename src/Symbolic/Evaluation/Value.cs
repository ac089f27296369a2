using Symbolic.Linear;
using Symbolic.Printing;

namespace Symbolic.Evaluation;

/// <summary>What a statement evaluates to: an expression, a vector or matrix, a string, or a record (solver results).</summary>
public abstract class Value
{
    /// <summary>The one-line text the REPL prints for this value.</summary>
    public abstract string Display();

    public override string ToString() => Display();

    /// <summary>A short noun for error messages: "expression", "vector of length 2", "string".</summary>
    public abstract string Kind { get; }

    /// <summary>The noun with its article: "an expression", "a string".</summary>
    public string KindWithArticle => ("aeiou".Contains(Kind[0]) ? "an " : "a ") + Kind;
}

public sealed class ExprValue(Expr expr) : Value
{
    public Expr Expr { get; } = expr;
    public override string Display() => InfixPrinter.Print(Expr);
    public override string Kind => "expression";
}

public sealed class MatrixValue(ExprMatrix matrix) : Value
{
    public ExprMatrix Matrix { get; } = matrix;
    public override string Display() => Matrix.ToString();
    public override string Kind => Matrix.Shape;
}

public sealed class StringValue(string text) : Value
{
    public string Text { get; } = text;
    public override string Display() => "\"" + Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    public override string Kind => "string";
}

/// <summary>A record such as a solver result: <c>{point: [1, 2], value: 0, iterations: 7, converged: true}</c>.</summary>
public sealed class RecordValue(IReadOnlyList<KeyValuePair<string, Value>> fields) : Value
{
    public IReadOnlyList<KeyValuePair<string, Value>> Fields { get; } = fields;

    public Value? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    public override string Display() => "{" + string.Join(", ", Fields.Select(f => $"{f.Key}: {f.Value.Display()}")) + "}";

    public override string Kind => "record";
}

/// <summary>Text printed as it is, without quotes: <c>true</c>, <c>minimum</c>, a LaTeX string.</summary>
public sealed class TextValue(string text) : Value
{
    public string Text { get; } = text;
    public override string Display() => Text;
    public override string Kind => "text";
}
