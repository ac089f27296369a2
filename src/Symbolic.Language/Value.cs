using Symbolic.Calculus;
using Symbolic.Linear;
using Symbolic.Printing;

namespace Symbolic.Language;

/// <summary>What a statement evaluates to: an expression, a vector or matrix, a string, or a record (solver results).</summary>
public abstract class Value
{
    /// <summary>The one-line text the REPL prints for this value.</summary>
    public abstract string Display();

    /// <summary>The same text as <see cref="Display"/>.</summary>
    public override string ToString() => Display();

    /// <summary>A short noun for error messages: "expression", "vector of length 2", "string".</summary>
    public abstract string Kind { get; }

    /// <summary>The noun with its article: "an expression", "a string".</summary>
    public string KindWithArticle => ("aeiou".Contains(Kind[0]) ? "an " : "a ") + Kind;

    /// <summary>True when the statement that made this value read a decimal literal (<c>0.8</c>, <c>1e-3</c>)
    /// or a bound value that had one: its numbers then print as decimals where they terminate.
    /// A display style of the language, not part of the numbers' identity.</summary>
    public virtual bool Decimals => false;

    /// <summary>This value in the decimal display style when <paramref name="decimals"/> is true.</summary>
    public virtual Value WithDecimals(bool decimals) => this;
}

/// <summary>A scalar expression; a Taylor polynomial also keeps its layout in powers of (x - a).</summary>
public sealed class ExprValue(Expr expr, bool decimals = false, TaylorPolynomial? taylor = null) : Value
{
    /// <summary>The expression.</summary>
    public Expr Expr { get; } = expr;

    /// <summary>The Taylor polynomial this value is, shown in ascending powers of (x - a); null for any other value.</summary>
    public TaylorPolynomial? Taylor { get; } = taylor is not null && ReferenceEquals(taylor.Value, expr) ? taylor : null;

    /// <inheritdoc/>
    public override bool Decimals { get; } = decimals;

    /// <inheritdoc/>
    public override Value WithDecimals(bool decimals) => decimals == Decimals ? this : new ExprValue(Expr, decimals, Taylor);

    /// <inheritdoc/>
    public override string Display() => Taylor is { } t ? t.Print(Decimals) : InfixPrinter.Print(Expr, Decimals);

    /// <inheritdoc/>
    public override string Kind => "expression";
}

/// <summary>A vector or matrix of expressions; a vector or matrix of Taylor polynomials also keeps their layouts.</summary>
public sealed class MatrixValue(ExprMatrix matrix, bool decimals = false, IReadOnlyList<TaylorPolynomial>? taylor = null) : Value
{
    /// <summary>The vector or matrix.</summary>
    public ExprMatrix Matrix { get; } = matrix;

    /// <summary>The Taylor polynomial of each element (row by row), shown in ascending powers of (x - a); null for other values.</summary>
    public IReadOnlyList<TaylorPolynomial>? Taylor { get; } =
        taylor is not null && taylor.Count == matrix.Count && taylor.Select((t, i) => ReferenceEquals(t.Value, matrix[i])).All(same => same)
            ? taylor : null;

    /// <inheritdoc/>
    public override bool Decimals { get; } = decimals;

    /// <inheritdoc/>
    public override Value WithDecimals(bool decimals) => decimals == Decimals ? this : new MatrixValue(Matrix, decimals, Taylor);

    /// <inheritdoc/>
    public override string Display() => Matrix.IsVector
        ? "[" + string.Join(", ", Enumerable.Range(0, Matrix.Count).Select(Print)) + "]"
        : "[" + string.Join(", ", Enumerable.Range(0, Matrix.Rows).Select(i =>
            "[" + string.Join(", ", Enumerable.Range(0, Matrix.Columns).Select(j => Print(i * Matrix.Columns + j))) + "]")) + "]";

    private string Print(int index) => Taylor is { } t ? t[index].Print(Decimals) : InfixPrinter.Print(Matrix[index], Decimals);

    /// <inheritdoc/>
    public override string Kind => Matrix.Shape;
}

/// <summary>A string literal, as given to options and file names.</summary>
public sealed class StringValue(string text) : Value
{
    /// <summary>The text without quotes.</summary>
    public string Text { get; } = text;

    /// <inheritdoc/>
    public override string Display() => "\"" + Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <inheritdoc/>
    public override string Kind => "string";
}

/// <summary>A record such as a solver result: <c>{point: [1, 2], value: 0, iterations: 7, converged: true}</c>.</summary>
public sealed class RecordValue(IReadOnlyList<KeyValuePair<string, Value>> fields) : Value
{
    /// <summary>The fields in display order.</summary>
    public IReadOnlyList<KeyValuePair<string, Value>> Fields { get; } = fields;

    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public Value? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <inheritdoc/>
    public override string Display() => "{" + string.Join(", ", Fields.Select(f => $"{f.Key}: {f.Value.Display()}")) + "}";

    /// <inheritdoc/>
    public override string Kind => "record";
}

/// <summary>Text printed as it is, without quotes: <c>true</c>, <c>minimum</c>, a LaTeX string.</summary>
public sealed class TextValue(string text) : Value
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;

    /// <inheritdoc/>
    public override string Display() => Text;

    /// <inheritdoc/>
    public override string Kind => "text";
}
