using System.Collections.Immutable;
using System.Numerics;
using Symbolic.Functions;
using Symbolic.Syntax;

namespace Symbolic.Expressions;

// The canonicalizing constructors. Every node is built here, so every node is canonical:
// sums and products are flattened, numbers folded, like terms collected (2x + 3x = 5x), powers of
// one base merged (x * x^2 = x^3), identities dropped, operands sorted by ExprOrder, and the result
// hash-consed. Passes (derivatives, substitution, expansion) build through these factories and so
// never need to canonicalize on their own.
public abstract partial class Expr
{
    public static readonly Number Zero = Number(0);
    public static readonly Number One = Number(1);
    public static readonly Number MinusOne = Number(-1);
    public static readonly Number Two = Number(2);
    public static readonly Number Half = Number(Rational.Half);

    /// <summary>The circle constant, named <c>pi</c>.</summary>
    public static readonly Constant Pi = new("pi", Math.PI, @"\pi");

    /// <summary>Euler's number, named <c>e</c>; <c>e^x</c> is built as <c>exp(x)</c>.</summary>
    public static readonly Constant E = new("e", Math.E, "e");

    public static Symbol Symbol(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Intern.Symbol(name);
    }

    public static Number Number(Rational value) => Expressions.Number.Create(value);

    public static Number Number(long value) => Expressions.Number.Create((Rational)value);

    /// <summary>A floating-point number (not exact).</summary>
    public static Number Float(double value) => Expressions.Number.Create(value);

    public static implicit operator Expr(long value) => Number(value);

    public static Expr operator +(Expr a, Expr b) => Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Add(a, Neg(b));
    public static Expr operator *(Expr a, Expr b) => Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Div(a, b);
    public static Expr operator -(Expr a) => Neg(a);

    public static Expr Neg(Expr a) => Mul(MinusOne, a);

    public static Expr Sub(Expr a, Expr b) => Add(a, Neg(b));

    /// <summary>a / b; dividing by an exact zero is an error.</summary>
    public static Expr Div(Expr a, Expr b) => Mul(a, Pow(b, MinusOne));

    // ---------------------------------------------------------------- sums

    public static Expr Add(params Expr[] terms) => Add((IEnumerable<Expr>)terms);

    public static Expr Add(IEnumerable<Expr> terms)
    {
        var collector = new TermCollector();
        foreach (var t in terms) collector.Add(t);
        return collector.Build();
    }

    /// <summary>Collects like terms: each term is split into numeric coefficient and symbolic rest.</summary>
    private sealed class TermCollector
    {
        private Number _constant = Zero;
        private readonly Dictionary<Expr, Number> _coefficients = new();
        private readonly List<Expr> _order = new();

        public void Add(Expr term)
        {
            switch (term)
            {
                case Add sum:
                    foreach (var t in sum.Terms) Add(t);
                    break;
                case Number n:
                    _constant = Arithmetic.Add(_constant, n);
                    break;
                default:
                    var (c, rest) = SplitCoefficient(term);
                    if (_coefficients.TryGetValue(rest, out var old)) _coefficients[rest] = Arithmetic.Add(old, c);
                    else { _coefficients.Add(rest, c); _order.Add(rest); }
                    break;
            }
        }

        public Expr Build()
        {
            var terms = new List<Expr>(_order.Count + 1);
            foreach (var rest in _order)
            {
                var c = _coefficients[rest];
                if (!c.IsZero) terms.Add(WithCoefficient(c, rest));
            }
            if (!_constant.IsZero) terms.Add(_constant);
            if (terms.Count == 0) return _constant;
            if (terms.Count == 1) return terms[0];
            terms.Sort(ExprOrder.Comparer);
            return Intern.Node(new Add([.. terms]));
        }
    }

    /// <summary>Splits <c>3*x*y</c> into (3, x*y); a term without a number has coefficient 1.</summary>
    public static (Number Coefficient, Expr Term) SplitCoefficient(Expr term)
    {
        if (term is Number n) return (n, One);
        if (term is Mul m && m.Factors[0] is Number c)
            return (c, m.Factors.Length == 2 ? m.Factors[1] : Intern.Node(new Mul(m.Factors[1..])));
        return (One, term);
    }

    /// <summary>c * rest where rest is canonical and has no numeric factor: no re-sorting is needed.</summary>
    private static Expr WithCoefficient(Number c, Expr rest)
    {
        if (c.IsOne) return rest;
        if (rest is Add) return Mul(c, rest); // distributes
        if (rest is Mul m) return Intern.Node(new Mul(m.Factors.Insert(0, c)));
        return Intern.Node(new Mul([c, rest]));
    }

    // ---------------------------------------------------------------- products

    public static Expr Mul(params Expr[] factors) => Mul((IEnumerable<Expr>)factors);

    public static Expr Mul(IEnumerable<Expr> factors)
    {
        Number coefficient = One;
        var exponents = new Dictionary<Expr, List<Expr>>();
        var bases = new List<Expr>();
        List<Expr>? expArguments = null;

        void AddFactor(Expr f)
        {
            switch (f)
            {
                case Mul m:
                    foreach (var g in m.Factors) AddFactor(g);
                    return;
                case Number n:
                    coefficient = Arithmetic.Mul(coefficient, n);
                    return;
                case Call { Function.Name: "exp" } call:
                    (expArguments ??= new()).Add(call.Argument);
                    return;
            }
            var (b, e) = f is Pow p ? (p.Base, p.Exponent) : (f, (Expr)One);
            if (!exponents.TryGetValue(b, out var list)) { exponents[b] = list = new List<Expr>(1); bases.Add(b); }
            list.Add(e);
        }

        foreach (var f in factors) AddFactor(f);
        if (coefficient.IsZero && coefficient.IsExact) return Zero;

        var result = new List<Expr>(bases.Count + 1);
        bool needsAnotherPass = false;
        foreach (var b in bases)
        {
            var list = exponents[b];
            var power = list.Count == 1 ? Pow(b, list[0]) : Pow(b, Add(list));
            switch (power)
            {
                case Number n: coefficient = Arithmetic.Mul(coefficient, n); break;
                case Expressions.Mul or Expressions.Call { Function.Name: "exp" }: needsAnotherPass = true; result.Add(power); break;
                default: result.Add(power); break;
            }
        }
        if (expArguments is not null)
        {
            var exp = Call(Functions.Functions.Exp, Add(expArguments));
            if (exp is Number n) coefficient = Arithmetic.Mul(coefficient, n);
            else
            {
                if (exp is not Call { Function.Name: "exp" }) needsAnotherPass = true;
                result.Add(exp);
            }
        }
        if (needsAnotherPass)
        {
            result.Add(coefficient);
            return Mul(result);
        }
        if (coefficient.IsZero && coefficient.IsExact) return Zero;
        if (result.Count == 0) return coefficient;
        if (result.Count == 1)
        {
            if (coefficient.IsOne) return result[0];
            // A number times a sum is distributed, so -(a - b) is b - a and like terms meet.
            if (result[0] is Add sum) return Add(sum.Terms.Select(t => Mul(coefficient, t)));
        }
        result.Sort(ExprOrder.Comparer);
        if (!coefficient.IsOne) result.Insert(0, coefficient);
        return Intern.Node(new Mul([.. result]));
    }

    // ---------------------------------------------------------------- powers

    public static Expr Pow(Expr @base, Expr exponent)
    {
        if (exponent is Number ne)
        {
            if (ne.IsZero) return One;
            if (ne.IsOne) return @base;
        }
        if (@base is Number nb)
        {
            if (nb.IsOne) return One;
            if (exponent is Number ne2) return Arithmetic.Pow(nb, ne2);
        }
        if (ReferenceEquals(@base, E)) return Call(Functions.Functions.Exp, exponent);
        // (e^a)^b = e^(ab) for real a and b.
        if (@base is Call { Function.Name: "exp" } exp) return Call(exp.Function, Mul(exp.Argument, exponent));
        if (exponent is Number { IsExact: true } n)
        {
            // (u^a)^n = u^(an) for integer n; also for |a| <= 1 where u^a is real only for u >= 0 anyway.
            if (@base is Pow p && (n.IsInteger || p.Exponent is Number { IsExact: true } a && a.Exact.Abs().CompareTo(Rational.One) <= 0))
                return Pow(p.Base, Mul(p.Exponent, n));
            // (u v)^n = u^n v^n for integer n.
            if (@base is Mul m && n.IsInteger) return Mul(m.Factors.Select(f => Pow(f, n)));
        }
        return Intern.Node(new Pow(@base, exponent));
    }

    /// <summary>√u, built as u^(1/2).</summary>
    public static Expr Sqrt(Expr u) => Pow(u, Half);

    // ---------------------------------------------------------------- calls

    public static Expr Call(FunctionDef function, params Expr[] arguments) => Call(function, arguments.ToImmutableArray());

    public static Expr Call(FunctionDef function, ImmutableArray<Expr> arguments)
    {
        if (arguments.Length != function.Arity)
            throw new SymbolicException($"function '{function.Name}' takes {Functions.Functions.Plural(function.Arity, "argument")}, got {arguments.Length}");
        if (function.Simplify is { } simplify && simplify(arguments[0]) is { } simpler) return simpler;
        if (function.Evaluate is { } evaluate && arguments[0] is Number { IsExact: false } x) return Float(evaluate(x.Value));
        return Intern.Node(new Call(function, arguments));
    }

    /// <summary>The unevaluated derivative of <paramref name="expression"/> (used for undefined functions).</summary>
    public static Expr Derivative(Expr expression, IEnumerable<Symbol> variables)
    {
        var sorted = variables.ToArray();
        if (sorted.Length == 0) return expression;
        Array.Sort(sorted, ExprOrder.CompareSymbols);
        return Intern.Node(new Derivative(expression, [.. sorted]));
    }

    internal static int CombineHash(int seed, ImmutableArray<Expr> items)
    {
        var h = new HashCode();
        h.Add(seed);
        foreach (var e in items) h.Add(e.Hash);
        return h.ToHashCode();
    }
}

/// <summary>Arithmetic on number nodes: exact when both are exact, floating point otherwise.</summary>
internal static class Arithmetic
{
    public static Number Add(Number a, Number b)
    {
        if (a.IsZero && a.IsExact) return b;
        if (b.IsZero && b.IsExact) return a;
        return a.IsExact && b.IsExact ? Expr.Number(a.Exact + b.Exact) : Expr.Float(a.Value + b.Value);
    }

    public static Number Mul(Number a, Number b)
    {
        if (a.IsOne) return b;
        if (b.IsOne) return a;
        return a.IsExact && b.IsExact ? Expr.Number(a.Exact * b.Exact) : Expr.Float(a.Value * b.Value);
    }

    // Exponents beyond this many result bits stay symbolic rather than allocate huge integers.
    private const long MaxResultBits = 1 << 20;

    public static Expr Pow(Number b, Number e)
    {
        if (!b.IsExact || !e.IsExact) return Expr.Float(Math.Pow(b.Value, e.Value));
        var r = e.Exact;
        if (b.Exact.IsZero)
        {
            if (r.Sign < 0) throw new SymbolicException("division by zero");
            return Expr.Zero;
        }
        if (r.IsInteger)
        {
            long bits = (long)Math.Max(BigInteger.Abs(b.Exact.Numerator).GetBitLength(), b.Exact.Denominator.GetBitLength());
            if (BigInteger.Abs(r.Numerator) * bits > MaxResultBits) return Intern.Node(new Pow(b, e));
            return Expr.Number(b.Exact.Pow((int)r.Numerator));
        }
        // b^(p/q): exact when b has an exact q-th root.
        var q = r.Denominator;
        if (q <= 64 && b.Exact.Root((int)q) is { } root) return Pow(Expr.Number(root), Expr.Number(r.Numerator));
        // Split off the integer part of the exponent: 2^(3/2) = 2 * 2^(1/2), 2^(-1/2) = 2^(1/2) / 2.
        var whole = BigInteger.Divide(r.Numerator - (r.Sign < 0 ? q - 1 : 0), q);
        if (!whole.IsZero)
            return Expr.Mul(Pow(b, Expr.Number(whole)), Intern.Node(new Pow(b, Expr.Number(r - whole))));
        return Intern.Node(new Pow(b, e));
    }
}
