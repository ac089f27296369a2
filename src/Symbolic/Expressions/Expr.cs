using System.Collections.Immutable;
using System.Diagnostics;
using Symbolic.Functions;

namespace Symbolic;

// The node kinds form a small closed set. There are no Subtract, Divide, Negate or Paren nodes:
// a - b is Add(a, Mul(-1, b)) and a / b is Mul(a, Pow(b, -1)), so every rewrite rule is written once.
//
// Nodes are classes rather than records: equality is object identity (every node is hash-consed by
// the factories in ExprFactory.cs), so the structural Equals/GetHashCode/with that records generate
// would be wrong or a way around the canonical constructors. Constructors are private or internal.

/// <summary>
/// The node classes, numbered in the order <see cref="ExprOrder"/> ranks them (a power, which sorts by
/// its base, last).
/// </summary>
internal enum ExprKind : byte
{
    Number,
    Constant,
    Symbol,
    Derivative,
    Call,
    Mul,
    Add,
    Pow,
}

/// <summary>
/// An immutable, canonical, hash-consed mathematical expression. Structurally equal expressions are
/// the same object, so <c>==</c> is reference equality and hashing is O(1).
/// Build expressions with the factories (<see cref="Add(Expr[])"/>, <see cref="Mul(Expr[])"/>,
/// <see cref="Pow(Expr, Expr)"/>, <see cref="Call(FunctionDef, Expr[])"/>, operators) or <see cref="Parse(string)"/>.
/// </summary>
/// <remarks>
/// Every public method checks its arguments before doing any work: a null argument is an
/// <see cref="ArgumentNullException"/> and a collection holding a null an <see cref="ArgumentException"/>, each naming
/// the parameter; what a user can get wrong in the mathematics (an unknown symbol, division by zero, an exceeded
/// budget) is a <see cref="SymbolicException"/>. So no call can put a broken node into the intern table, and the
/// arrays returned (gradients, Hessians) are new on every call, so changing one changes nothing cached.
/// </remarks>
/// <example><code>Expr f = Expr.Parse("3x^2 + 2x*y"); Expr g = f + Expr.Symbol("z");</code></example>
public abstract partial class Expr
{
    private protected Expr(int hash, long size, ExprKind kind)
    {
        Hash = hash;
        Size = size;
        Kind = kind;
    }

    /// <summary>Which of the eight node classes this is, as a field: the ordering compares kinds on every step.</summary>
    internal ExprKind Kind { get; }

    /// <summary>Hash computed once at construction from the children's hashes.</summary>
    internal int Hash { get; }

    /// <summary>Number of nodes of the expression as a tree (shared subtrees counted each time they occur,
    /// saturating at <c>long.MaxValue / 2</c>). Exponential in the depth of layered expressions such as a
    /// network's gradient; passes that compare sizes use <see cref="DistinctNodeCount"/>.</summary>
    public long Size { get; }

    private int _distinctNodeCount;

    /// <summary>
    /// Number of distinct nodes of the expression as a graph: a shared subexpression counts once.
    /// This is the work a pass that visits each distinct node once does, and the size the simplifier
    /// minimizes. Computed on first use with an explicit stack (deep input cannot overflow) and cached.
    /// </summary>
    /// <example><code>var s = Expr.Parse("sin(x)"); (s * s + s).DistinctNodeCount // 5: the sum, sin(x)^2, 2, sin(x), x</code></example>
    public int DistinctNodeCount => _distinctNodeCount > 0 ? _distinctNodeCount : _distinctNodeCount = CountDistinctNodes(this, null);

    /// <summary>
    /// Distinct nodes of <paramref name="e"/>, counting each node of <paramref name="leaves"/> as one
    /// node without looking inside it (the simplifier compares forms that share opaque kernels).
    /// </summary>
    internal static int CountDistinctNodes(Expr e, IReadOnlySet<Expr>? leaves)
    {
        if (e.Children.IsEmpty) return 1;
        var seen = new HashSet<Expr> { e };
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (leaves is not null && !ReferenceEquals(node, e) && leaves.Contains(node)) continue;
            foreach (var child in node.Children)
                if (seen.Add(child) && !child.Children.IsEmpty) stack.Push(child);
        }
        return seen.Count;
    }

    /// <summary>The structural hash, computed once when the node was built (O(1)).</summary>
    public sealed override int GetHashCode() => Hash;

    /// <summary>Reference equality, which is structural equality because every node is hash-consed.</summary>
    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same expression (reference equality; both null is equal).</summary>
    public static bool operator ==(Expr? a, Expr? b) => ReferenceEquals(a, b);

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are different expressions (reference inequality).</summary>
    public static bool operator !=(Expr? a, Expr? b) => !ReferenceEquals(a, b);

    /// <summary>The direct sub-expressions, in order.</summary>
    public abstract ImmutableArray<Expr> Children { get; }

    private SymbolSet? _freeSymbols;

    /// <summary>The symbols this expression depends on, cached per node.</summary>
    public SymbolSet FreeSymbols => _freeSymbols ?? ComputeFreeSymbolsBelow();

    // Fills the cache bottom-up with an explicit stack, so a first query on a very deep
    // expression cannot overflow the call stack.
    private SymbolSet ComputeFreeSymbolsBelow()
    {
        var stack = new Stack<(Expr Node, bool ChildrenDone)>();
        stack.Push((this, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (node._freeSymbols is not null) continue;
            if (childrenDone)
            {
                node._freeSymbols = node.ComputeFreeSymbols();
                continue;
            }
            stack.Push((node, true));
            foreach (var child in node.Children)
                if (child._freeSymbols is null) stack.Push((child, false));
        }
        return _freeSymbols!;
    }

    private protected virtual SymbolSet ComputeFreeSymbols() => SymbolSet.UnionOf(Children);

    /// <summary>True when the expression mentions <paramref name="symbol"/>.</summary>
    public bool Contains(Symbol symbol) => FreeSymbols.Contains(Guard.NotNull(symbol));

    /// <summary>Rebuilds this node with new children through the canonicalizing factories;
    /// returns this same instance when no child changed.</summary>
    /// <exception cref="ArgumentException"><paramref name="children"/> is default or holds a null, or its length does not fit a power, a derivative or a leaf.</exception>
    public Expr WithChildren(ImmutableArray<Expr> children)
    {
        if (children.IsDefault) throw new ArgumentNullException(nameof(children));
        foreach (var c in children)
            if (c is null) throw Guard.NullElement(nameof(children));
        var old = Children;
        if (children.Length != old.Length && this is not (global::Symbolic.Add or global::Symbolic.Mul or global::Symbolic.Call)) // sums and products take any count, calls check their arity
            throw new ArgumentException($"the node has {old.Length} children, got {children.Length}", nameof(children));
        bool same = old.Length == children.Length;
        for (int i = 0; same && i < old.Length; i++) same = ReferenceEquals(old[i], children[i]);
        return same ? this : Rebuild(children);
    }

    private protected abstract Expr Rebuild(ImmutableArray<Expr> children);

    /// <summary>Applies <paramref name="map"/> to every child and rebuilds the node if any changed.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="map"/> returned null for a child.</exception>
    public Expr MapChildren(Func<Expr, Expr> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var old = Children;
        if (old.IsEmpty) return this;
        ImmutableArray<Expr>.Builder? changed = null;
        for (int i = 0; i < old.Length; i++)
        {
            var c = map(old[i]) ?? throw new InvalidOperationException($"the map returned null for the child {old[i]}");
            if (changed is null && !ReferenceEquals(c, old[i]))
            {
                changed = ImmutableArray.CreateBuilder<Expr>(old.Length);
                for (int j = 0; j < i; j++) changed.Add(old[j]);
            }
            changed?.Add(c);
        }
        return changed is null ? this : Rebuild(changed.MoveToImmutable());
    }

    /// <summary>Infix text that parses back to this same expression.</summary>
    public sealed override string ToString() => Printing.InfixPrinter.Print(this);

    internal static long SizeOf(ImmutableArray<Expr> children)
    {
        long size = 1;
        foreach (var c in children) size = Math.Min(long.MaxValue / 2, size + c.Size);
        return size;
    }
}

/// <summary>An exact rational number or a floating-point number.</summary>
public sealed class Number : Expr
{
    private Number(Rational exact) : base(HashOf(exact), 1, ExprKind.Number) { _exact = exact; IsExact = true; }

    /// <summary>The hash of the exact number <paramref name="value"/>, known before the node is built.</summary>
    internal static int HashOf(Rational value) => HashCode.Combine(1, value);

    /// <summary>A new node for an exact value, for the interning table to keep (see <see cref="Intern.Exact"/>).</summary>
    internal static Number NewExact(Rational value) => new(value);

    // Floats are told apart by their bits, so 0.0 and -0.0 are two nodes (they print and divide
    // differently); every NaN is made the one quiet NaN first, so NaN is still a single node.
    private Number(double value) : base(HashCode.Combine(2, BitConverter.DoubleToInt64Bits(value)), 1, ExprKind.Number) { FloatValue = value; }

    /// <summary>True for an exact rational (<see cref="Exact"/> holds it), false for a floating-point number.</summary>
    public bool IsExact { get; }

    private readonly Rational _exact;

    /// <summary>The exact rational value, always in lowest terms with a positive denominator.</summary>
    /// <exception cref="InvalidOperationException">The number is a float (<see cref="IsExact"/> is false); read
    /// <see cref="Value"/> instead.</exception>
    public Rational Exact => IsExact ? _exact
        : throw new InvalidOperationException($"the floating-point number {FloatValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} has no exact value; check IsExact or read Value");

    private double FloatValue { get; }

    /// <summary>The value as a double: the float itself, or the exact rational rounded to the nearest double.</summary>
    public double Value => IsExact ? _exact.ToDouble() : FloatValue;

    /// <summary>True for exact 0 and for the floats 0.0 and -0.0.</summary>
    public bool IsZero => IsExact ? _exact.IsZero : FloatValue == 0;

    /// <summary>True only for the exact number 1 (the float 1.0 is not an identity of the factories).</summary>
    public bool IsOne => IsExact && _exact.IsOne;

    /// <summary>True only for the exact number -1.</summary>
    public bool IsMinusOne => IsExact && _exact.IsMinusOne;

    /// <summary>True for an exact integer; a float is never an integer here, even 2.0.</summary>
    public bool IsInteger => IsExact && _exact.IsInteger;

    /// <summary>True for a number below zero (-0.0 and NaN are not negative).</summary>
    public bool IsNegative => IsExact ? _exact.Sign < 0 : FloatValue < 0;

    /// <summary>Always empty: a number is a leaf.</summary>
    public override ImmutableArray<Expr> Children => [];

    private protected override SymbolSet ComputeFreeSymbols() => SymbolSet.Empty;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => this;

    internal static Number Create(Rational value)
    {
        if (value.IsInteger && value.Numerator >= SmallMin && value.Numerator <= SmallMax) return Small((int)value.Numerator);
        return Intern.Exact(value);
    }

    internal static Number Create(long value) =>
        value is >= SmallMin and <= SmallMax ? Small((int)value) : Intern.Exact(value);

    // Small integers (exponents, the -1 of every negation, the 2 of every square) are asked for all the
    // time: a table answers them without a lookup in the interning table, which costs a lock and a few
    // cache misses. Its entries are the interned nodes themselves, held for the life of the process.
    private const int SmallMin = -64, SmallMax = 256;
    private static readonly Number?[] SmallIntegers = new Number?[SmallMax - SmallMin + 1];

    private static Number Small(int value) =>
        SmallIntegers[value - SmallMin] ??= Intern.Number(new Number((Rational)value)); // a race gives the same node twice

    internal static Number Create(double value) => Intern.Number(new Number(double.IsNaN(value) ? double.NaN : value));

    /// <summary>Equal exact values, or floats with equal bits.</summary>
    internal bool SameValue(Number other) =>
        IsExact == other.IsExact && (IsExact
            ? _exact.Equals(other._exact)
            : BitConverter.DoubleToInt64Bits(FloatValue) == BitConverter.DoubleToInt64Bits(other.FloatValue));
}

/// <summary>A free variable such as <c>x</c>. Symbols are interned by name.</summary>
public sealed class Symbol : Expr
{
    private readonly SymbolSet _self;

    internal Symbol(string name) : base(HashCode.Combine(3, name), 1, ExprKind.Symbol)
    {
        Name = name;
        _self = SymbolSet.Of(this);
    }

    /// <summary>The symbol's name as written, such as <c>x</c> or <c>x2</c>.</summary>
    public string Name { get; }

    /// <summary>Always empty: a symbol is a leaf.</summary>
    public override ImmutableArray<Expr> Children => [];

    private protected override SymbolSet ComputeFreeSymbols() => _self;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => this;
}

/// <summary>A named mathematical constant: <c>pi</c> or <c>e</c>.</summary>
public sealed class Constant : Expr
{
    internal Constant(string name, double value, string latex) : base(HashCode.Combine(4, name), 1, ExprKind.Constant)
    {
        Name = name;
        Value = value;
        Latex = latex;
    }

    /// <summary>The name the parser and printers use: <c>pi</c> or <c>e</c>.</summary>
    public string Name { get; }

    /// <summary>The constant's value as the nearest double (<see cref="Math.PI"/>, <see cref="Math.E"/>).</summary>
    public double Value { get; }

    /// <summary>The LaTeX form: <c>\pi</c> or <c>e</c>.</summary>
    public string Latex { get; }

    /// <summary>Always empty: a constant is a leaf.</summary>
    public override ImmutableArray<Expr> Children => [];

    private protected override SymbolSet ComputeFreeSymbols() => SymbolSet.Empty;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => this;
}

/// <summary>An n-ary sum (at least two terms, flattened, like terms collected, at most one number, which comes first).</summary>
public sealed class Add : Expr
{
    internal Add(ImmutableArray<Expr> terms) : base(CombineHash(5, terms), SizeOf(terms), ExprKind.Add)
    {
        Debug.Assert(terms.Length >= 2);
        Terms = terms;
    }

    /// <summary>The terms in the library's one canonical order, the numeric term if any first.</summary>
    public ImmutableArray<Expr> Terms { get; }

    /// <summary>The same array as <see cref="Terms"/>.</summary>
    public override ImmutableArray<Expr> Children => Terms;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => Expr.Add(children);
}

/// <summary>An n-ary product (at least two factors, flattened, powers of a base merged, at most one number, which comes first).</summary>
public sealed class Mul : Expr
{
    internal Mul(ImmutableArray<Expr> factors) : base(CombineHash(6, factors), SizeOf(factors), ExprKind.Mul)
    {
        Debug.Assert(factors.Length >= 2);
        Factors = factors;
    }

    /// <summary>The factors in the library's one canonical order, the numeric coefficient if any first.</summary>
    public ImmutableArray<Expr> Factors { get; }

    private Expr? _withoutCoefficient;

    /// <summary>The product without its leading number (cached: sums split every term this way).</summary>
    internal Expr WithoutCoefficient => _withoutCoefficient ??= Factors[0] is not global::Symbolic.Number ? this
        : Factors.Length == 2 ? Factors[1]
        : Intern.Node(new Mul(Factors[1..]));

    /// <summary>The same array as <see cref="Factors"/>.</summary>
    public override ImmutableArray<Expr> Children => Factors;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => Expr.Mul(children);
}

/// <summary><c>Base ^ Exponent</c>.</summary>
public sealed class Pow : Expr
{
    internal Pow(Expr @base, Expr exponent)
        : base(HashCode.Combine(7, @base.Hash, exponent.Hash), 1 + @base.Size + exponent.Size, ExprKind.Pow)
    {
        Base = @base;
        Exponent = exponent;
    }

    /// <summary>The base; never the constant <c>e</c> (<c>e^x</c> is the call <c>exp(x)</c>).</summary>
    public Expr Base { get; }

    /// <summary>The exponent; never zero or the exact 1 (the factory folds those powers away).</summary>
    public Expr Exponent { get; }

    // Kept rather than rebuilt on each call: passes ask for the children of every node they visit.
    private ImmutableArray<Expr> _children;

    /// <summary><see cref="Base"/> and <see cref="Exponent"/>, in that order.</summary>
    public override ImmutableArray<Expr> Children => _children.IsDefault ? (_children = [Base, Exponent]) : _children;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => Expr.Pow(children[0], children[1]);
}

/// <summary>An application of a function from the function table, or of an undefined function such as <c>g(x)</c>.</summary>
public sealed class Call : Expr
{
    internal Call(FunctionDef function, ImmutableArray<Expr> arguments)
        : base(HashCode.Combine(8, function, CombineHash(8, arguments)), SizeOf(arguments), ExprKind.Call)
    {
        Function = function;
        Arguments = arguments;
    }

    /// <summary>The function table entry applied (for an undefined function, an entry with <see cref="FunctionDef.IsUndefined"/>).</summary>
    public FunctionDef Function { get; }

    /// <summary>The arguments in the order written; their count matches the entry's arity.</summary>
    public ImmutableArray<Expr> Arguments { get; }

    /// <summary>The first argument: the single argument of a unary function.</summary>
    public Expr Argument => Arguments[0];

    /// <summary>The same array as <see cref="Arguments"/>.</summary>
    public override ImmutableArray<Expr> Children => Arguments;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => Expr.Call(Function, children);
}

/// <summary>
/// An unevaluated derivative of an expression that involves undefined functions, such as
/// <c>diff(g(x), x)</c> or <c>diff(g(x, y), x, y)</c>. Variables are sorted (mixed partials commute).
/// </summary>
public sealed class Derivative : Expr
{
    internal Derivative(Expr expression, ImmutableArray<Symbol> variables)
        : base(HashCode.Combine(9, expression.Hash, CombineHash(9, variables.CastArray<Expr>())), 1 + expression.Size + variables.Length, ExprKind.Derivative)
    {
        Expression = expression;
        Variables = variables;
    }

    /// <summary>The expression being differentiated.</summary>
    public Expr Expression { get; }

    /// <summary>The variables to differentiate by, sorted, one entry per order (<c>[x, x]</c> is the second derivative by x).</summary>
    public ImmutableArray<Symbol> Variables { get; }

    /// <summary>Only <see cref="Expression"/>: the variables are bound, not sub-expressions.</summary>
    public override ImmutableArray<Expr> Children => [Expression];

    private protected override SymbolSet ComputeFreeSymbols() => Expression.FreeSymbols;

    private protected override Expr Rebuild(ImmutableArray<Expr> children) => Expr.Derivative(children[0], Variables);
}
