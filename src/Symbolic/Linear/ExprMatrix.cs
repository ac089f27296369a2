using System.Collections.Immutable;
using Symbolic.Syntax;

namespace Symbolic.Linear;

/// <summary>
/// An immutable vector or matrix of exact expressions. A vector (<c>[a, b]</c>) is kept apart from a
/// one-column matrix so it prints as it was written; in products it acts as a column.
/// </summary>
public sealed class ExprMatrix
{
    private readonly Expr[] _items; // row-major

    private ExprMatrix(int rows, int columns, Expr[] items, bool isVector)
    {
        Rows = rows;
        Columns = columns;
        _items = items;
        IsVector = isVector;
    }

    /// <summary>The number of rows (the length, for a vector).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (1 for a vector).</summary>
    public int Columns { get; }

    /// <summary>True for a vector: <see cref="Rows"/> elements in one column.</summary>
    public bool IsVector { get; }

    /// <summary>True when <see cref="Rows"/> equals <see cref="Columns"/> (a vector of length 1 is square).</summary>
    public bool IsSquare => Rows == Columns;

    /// <summary>The element at 0-based <paramref name="row"/> and <paramref name="column"/>.</summary>
    /// <remarks>The indices are not checked one by one: a column beyond <see cref="Columns"/> reads into the next row.</remarks>
    public Expr this[int row, int column] => _items[row * Columns + column];

    /// <summary>Element <paramref name="index"/> of a vector (or of the row-major element list).</summary>
    public Expr this[int index] => _items[index];

    /// <summary>The number of elements, <see cref="Rows"/> times <see cref="Columns"/>.</summary>
    public int Count => _items.Length;

    /// <summary>The elements in row-major order.</summary>
    public IEnumerable<Expr> Elements => Array.AsReadOnly(_items); // not the array itself: a cast could change the matrix

    /// <summary>A vector of <paramref name="elements"/>, in order.</summary>
    /// <example><code>ExprMatrix.Vector([Expr.Symbol("x"), 1]).ToString() // "[x, 1]"</code></example>
    /// <exception cref="ArgumentException"><paramref name="elements"/> is null or holds a null.</exception>
    public static ExprMatrix Vector(IEnumerable<Expr> elements)
    {
        var items = Guard.NoNulls(Guard.NotNull(elements).ToArray(), nameof(elements));
        return new ExprMatrix(items.Length, 1, items, isVector: true);
    }

    /// <summary>A <paramref name="rows"/> x <paramref name="columns"/> matrix whose (i, j) element is <paramref name="element"/>(i, j), 0-based.</summary>
    /// <example><code>ExprMatrix.Create(2, 2, (i, j) => Expr.Symbol($"a{i}{j}")).ToString() // "[[a00, a01], [a10, a11]]"</code></example>
    /// <exception cref="ArgumentException">A dimension is negative, <paramref name="element"/> is null or returns null.</exception>
    public static ExprMatrix Create(int rows, int columns, Func<int, int, Expr> element)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(element);
        var items = new Expr[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                items[i * columns + j] = element(i, j) ?? throw new ArgumentException($"the element ({i}, {j}) is null", nameof(element));
        return new ExprMatrix(rows, columns, items, isVector: false);
    }

    /// <summary>A matrix with the elements of a two-dimensional array (first index the row), copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="array"/> is null or holds a null.</exception>
    public static ExprMatrix FromArray(Expr[,] array) =>
        Create(Guard.NotNull(array).GetLength(0), array.GetLength(1),
            (i, j) => array[i, j] ?? throw new ArgumentException($"the element ({i}, {j}) is null", nameof(array)));

    /// <summary>The <paramref name="n"/> x <paramref name="n"/> identity matrix.</summary>
    public static ExprMatrix Identity(int n) => Create(n, n, (i, j) => i == j ? Expr.One : Expr.Zero);

    /// <summary>The elements as a new two-dimensional array (first index the row; a vector gives n x 1).</summary>
    public Expr[,] ToArray()
    {
        var a = new Expr[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                a[i, j] = this[i, j];
        return a;
    }

    /// <summary>The elements in row-major order as a new array (a vector's elements in order).</summary>
    public Expr[] ToVectorArray() => (Expr[])_items.Clone();

    /// <summary>Applies <paramref name="f"/> to every element, keeping the shape.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="f"/> returned null.</exception>
    public ExprMatrix Map(Func<Expr, Expr> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(Rows, Columns, _items.Select(x => f(x) ?? throw new InvalidOperationException($"the map returned null for {x}")).ToArray(), IsVector);
    }

    /// <summary>The transpose; a vector becomes a 1 x n matrix (a row).</summary>
    public ExprMatrix Transpose()
    {
        if (IsVector) return Create(1, Rows, (_, j) => _items[j]);
        return Create(Columns, Rows, (i, j) => this[j, i]);
    }

    /// <summary>The same elements seen as a plain matrix (a vector becomes n x 1).</summary>
    public ExprMatrix AsMatrix() => IsVector ? new ExprMatrix(Rows, 1, _items, false) : this;

    /// <summary>The elementwise sum.</summary>
    /// <exception cref="SymbolicException">The shapes differ.</exception>
    public static ExprMatrix operator +(ExprMatrix a, ExprMatrix b) => Elementwise(Guard.NotNull(a), Guard.NotNull(b), (x, y) => x + y, "add");

    /// <summary>The elementwise difference.</summary>
    /// <exception cref="SymbolicException">The shapes differ.</exception>
    public static ExprMatrix operator -(ExprMatrix a, ExprMatrix b) => Elementwise(Guard.NotNull(a), Guard.NotNull(b), (x, y) => x - y, "subtract");

    /// <summary>Every element negated.</summary>
    public static ExprMatrix operator -(ExprMatrix a) => Guard.NotNull(a).Map(Expr.Neg);

    /// <summary>Every element multiplied by the scalar <paramref name="s"/> on the left.</summary>
    public static ExprMatrix operator *(Expr s, ExprMatrix a)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Guard.NotNull(a).Map(x => Expr.Mul(s, x));
    }

    /// <summary>Every element multiplied by the scalar <paramref name="s"/> on the right.</summary>
    public static ExprMatrix operator *(ExprMatrix a, Expr s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Guard.NotNull(a).Map(x => Expr.Mul(x, s));
    }

    /// <summary>Matrix product; a vector on the right acts as a column and the result is a vector.</summary>
    /// <exception cref="SymbolicException">Both operands are vectors, or the inner dimensions differ.</exception>
    public static ExprMatrix operator *(ExprMatrix a, ExprMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsVector && b.IsVector)
            throw new SymbolicException($"cannot multiply two vectors; use transpose(u)*v for a dot product");
        if (a.Columns != b.Rows)
            throw new SymbolicException($"cannot multiply a {a.Shape} by a {b.Shape}: inner dimensions {a.Columns} and {b.Rows} differ");
        var product = Create(a.Rows, b.Columns, (i, j) =>
            Expr.Add(Enumerable.Range(0, a.Columns).Select(k =>
            {
                ComputeContext.CheckStopped(); // entries of a matrix power can have 100,000 digits each
                return Expr.Mul(a[i, k], b[k, j]);
            })));
        return b.IsVector ? Vector(product._items) : product;
    }

    private static ExprMatrix Elementwise(ExprMatrix a, ExprMatrix b, Func<Expr, Expr, Expr> op, string verb)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns || a.IsVector != b.IsVector && a.Columns != 1)
            throw new SymbolicException($"cannot {verb} a {a.Shape} and a {b.Shape}");
        var items = new Expr[a._items.Length];
        for (int i = 0; i < items.Length; i++) items[i] = op(a._items[i], b._items[i]);
        return new ExprMatrix(a.Rows, a.Columns, items, a.IsVector && b.IsVector);
    }

    /// <summary>"vector of length 3" or "2x3 matrix", for error messages.</summary>
    public string Shape => IsVector ? $"vector of length {Rows}" : $"{Rows}x{Columns} matrix";

    /// <summary>The elements in the REPL's notation: <c>[a, b]</c> for a vector, <c>[[a, b], [c, d]]</c> for a matrix.</summary>
    public override string ToString() => IsVector
        ? "[" + string.Join(", ", _items.Select(e => e.ToString())) + "]"
        : "[" + string.Join(", ", Enumerable.Range(0, Rows).Select(i =>
            "[" + string.Join(", ", Enumerable.Range(0, Columns).Select(j => this[i, j].ToString())) + "]")) + "]";
}
