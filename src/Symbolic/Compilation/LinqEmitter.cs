using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Functions;
using LinqExpr = System.Linq.Expressions.Expression;
using ParameterExpr = System.Linq.Expressions.ParameterExpression;

namespace Symbolic.Compilation;

/// <summary>
/// Turns expressions into System.Linq.Expressions code that computes each distinct subexpression
/// once. Several outputs (a value, its gradient, its Hessian) are emitted into one body, so the work
/// they share is shared in the compiled code too: hash-consing makes common subexpressions the same
/// object, and a node used by more than one parent is computed into a local.
/// </summary>
/// <remarks>
/// The graph is walked with explicit stacks (a 100,000-node expression compiles without recursion).
/// A node used once is inlined into its parent unless the inlined tree would get deep, which keeps
/// the number of locals (and the JIT's work) small. Code choices: integer powers by multiplication
/// (square-and-multiply), <c>x^(1/2)</c> as <see cref="Math.Sqrt"/>, <c>x^-1</c> and factors with
/// negative exponents as one division, numbers folded by the canonical factories before we see them.
/// </remarks>
internal sealed class LinqEmitter
{
    private const int MaxInlineDepth = 24;
    private const int MaxMultiplyPower = 64;

    private static readonly MethodInfo MathPow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo MathSqrt = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
    private static readonly MethodInfo OddRootPower = typeof(NumericFunctions).GetMethod(nameof(NumericFunctions.OddRootPower))!;
    private static readonly MethodInfo MathCbrt = typeof(Math).GetMethod(nameof(Math.Cbrt), [typeof(double)])!;
    private static readonly MethodInfo MathExp = typeof(Math).GetMethod(nameof(Math.Exp), [typeof(double)])!;
    private static readonly MethodInfo MathAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly MethodInfo MathMax = typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo LogOnePlus = typeof(NumericFunctions).GetMethod("LogOnePlus", BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<Symbol, LinqExpr?> _input;
    private readonly Dictionary<Expr, int> _uses = new();
    private readonly Dictionary<Expr, (LinqExpr Code, int Depth)> _emitted = new();
    private readonly List<ParameterExpr> _locals = new();
    private readonly List<LinqExpr> _body = new();

    private readonly bool _localForEveryNode;

    // sigmoid and softplus of u and of -u, keyed by the argument chosen as their base (see LogisticCall)
    private readonly Dictionary<Expr, (Expr Base, bool Negated)> _logisticArgument = new();
    private readonly Dictionary<Expr, Logistic> _logistic = new();

    [Flags]
    private enum LogisticKind { Sigmoid = 1, SigmoidOfNegated = 2, Softplus = 4, SoftplusOfNegated = 8 }

    /// <summary>What the sigmoid and softplus of one base u and of -u share: e = exp(-|u|), r = 1/(1 + e), e r, log1p(e).</summary>
    private sealed class Logistic
    {
        public LogisticKind Kinds;
        public LinqExpr? U;
        public ParameterExpr? E, R, ER, L;
    }

    /// <param name="input">The code that reads a symbol's value (an array element or a lambda parameter); null for an unknown symbol.</param>
    /// <param name="localForEveryNode">Computes every node into a local, as a reverse sweep needs: its local
    /// partials read the values of nodes that the forward code would otherwise have inlined.</param>
    public LinqEmitter(Func<Symbol, LinqExpr?> input, bool localForEveryNode = false) =>
        (_input, _localForEveryNode) = (input, localForEveryNode);


    /// <summary>The locals the emitted statements assign.</summary>
    public IReadOnlyList<ParameterExpr> Locals => _locals;

    /// <summary>The statements emitted so far (assignments of shared subexpressions to locals).</summary>
    public IReadOnlyList<LinqExpr> Body => _body;

    /// <summary>Counts the uses of every distinct node below the roots; call once with all outputs before <see cref="Emit"/>.</summary>
    public void CountUses(IEnumerable<Expr> roots)
    {
        var stack = new Stack<Expr>();
        foreach (var root in roots)
        {
            // A root is used by the output that stores it, in addition to its parents.
            if (Bump(root)) stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                foreach (var child in Operands(node))
                    if (Bump(child)) stack.Push(child);
            }
        }

        bool Bump(Expr e)
        {
            if (e is Number or Constant) return false;
            _uses.TryGetValue(e, out int n);
            _uses[e] = n + 1;
            return n == 0; // descend on first sight only: each distinct node is walked once
        }
    }

    /// <summary>The code for <paramref name="root"/>; its shared subexpressions are assigned to locals in <see cref="Body"/>.</summary>
    /// <exception cref="SymbolicException">A symbol that is neither a variable nor a parameter, or an undefined function.</exception>
    public LinqExpr Emit(Expr root)
    {
        var stack = new Stack<(Expr Node, bool Ready)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, ready) = stack.Pop();
            if (_emitted.ContainsKey(node)) continue;
            if (!ready)
            {
                stack.Push((node, true));
                foreach (var child in Operands(node))
                    if (!_emitted.ContainsKey(child)) stack.Push((child, false));
                continue;
            }
            var (code, depth) = Build(node);
            _uses.TryGetValue(node, out int uses);
            if (node is not (Number or Constant) && (uses > 1 || depth > MaxInlineDepth || _localForEveryNode))
            {
                var local = LinqExpr.Variable(typeof(double));
                _locals.Add(local);
                _body.Add(LinqExpr.Assign(local, code));
                (code, depth) = (local, 0);
            }
            _emitted[node] = (code, depth);
        }
        return _emitted[root].Code;
    }

    /// <summary>Adds a statement to the body (e.g. a store of an output).</summary>
    public void Add(LinqExpr statement) => _body.Add(statement);

    /// <summary>A local assigned <paramref name="code"/> in the body: for values read more than once.</summary>
    public ParameterExpr Temporary(LinqExpr code)
    {
        var local = LinqExpr.Variable(typeof(double));
        _locals.Add(local);
        _body.Add(LinqExpr.Assign(local, code));
        return local;
    }

    private IEnumerable<Expr> Operands(Expr e) => e switch
    {
        Pow p => [p.Base, p.Exponent],
        Derivative => [],
        Call c when IsLogistic(c) => [LogisticOperand(c)],
        _ => e.Children,
    };

    private (LinqExpr Code, int Depth) Get(Expr e) => _emitted[e];

    private (LinqExpr, int) Build(Expr e)
    {
        switch (e)
        {
            case Number n:
                return (LinqExpr.Constant(n.Value), 0);
            case Constant c:
                return (LinqExpr.Constant(c.Value), 0);
            case Symbol s:
                return (_input(s) ?? throw new SymbolicException(
                    $"cannot compile: '{s.Name}' is neither a variable nor a parameter of the function"), 0);
            case Add a:
                return Sum(a);
            case Mul m:
                return Product(m);
            case Pow p:
                return Power(p);
            case Call c when IsLogistic(c):
                return LogisticCall(c);
            case Call c:
                return CallOf(c);
            case Derivative d:
                throw new SymbolicException($"cannot compile the derivative of an undefined function: {d}");
            default:
                throw new UnreachableException(e.GetType().Name);
        }
    }

    // a + b - c: a term whose code is a negation (a product with a negative coefficient) is subtracted.
    private (LinqExpr, int) Sum(Add a)
    {
        LinqExpr? acc = null;
        int depth = 0;
        foreach (var t in a.Terms)
        {
            var (code, d) = Get(t);
            acc = acc is null ? code
                : code is UnaryExpression { NodeType: ExpressionType.Negate } negated ? LinqExpr.Subtract(acc, negated.Operand)
                : LinqExpr.Add(acc, code);
            depth = Math.Max(depth, d) + 1;
            // a long sum becomes a chain of partial sums in locals, so no statement grows without bound
            if (depth > MaxInlineDepth) (acc, depth) = (Temporary(acc), 0);
        }
        return (acc!, depth);
    }

    // c * u * v / (w * z): one division for all factors with negative integer exponents.
    private (LinqExpr, int) Product(Mul m)
    {
        LinqExpr? numerator = null, denominator = null;
        int depth = 0;
        bool negate = false;
        foreach (var f in m.Factors)
        {
            if (f is Number { IsNegative: true } coefficient)
            {
                // -c*u is emitted as -(c*u), so a sum can subtract it
                negate = true;
                if (!coefficient.IsMinusOne) numerator = LinqExpr.Constant(-coefficient.Value);
                continue;
            }
            if (f is Pow { Exponent: Number { IsInteger: true, IsNegative: true } k } p && (k.IsMinusOne || -k.Value <= MaxMultiplyPower))
            {
                var (b, d) = Get(p.Base);
                var positive = k.IsMinusOne ? b : IntegerPower(b, (int)-k.Value);
                denominator = denominator is null ? positive : LinqExpr.Multiply(denominator, positive);
                depth = Math.Max(depth, d) + 1;
                continue;
            }
            var (code, fd) = Get(f);
            numerator = numerator is null ? code : LinqExpr.Multiply(numerator, code);
            depth = Math.Max(depth, fd) + 1;
            if (depth > MaxInlineDepth) (numerator, depth) = (Temporary(numerator), 0);
        }
        var result = (numerator, denominator) switch
        {
            (null, null) => LinqExpr.Constant(1.0),
            (_, null) => numerator,
            (null, _) => LinqExpr.Divide(LinqExpr.Constant(1.0), denominator),
            _ => LinqExpr.Divide(numerator, denominator),
        };
        return (negate ? LinqExpr.Negate(result) : result, depth + 1);
    }

    private (LinqExpr, int) Power(Pow p)
    {
        var (b, depth) = Get(p.Base);
        if (p.Exponent is Number { IsExact: true } k)
        {
            var r = k.Exact;
            if (r.IsInteger && BigAbs(r.Numerator) <= MaxMultiplyPower)
            {
                int n = (int)r.Numerator;
                if (n == 0) return (LinqExpr.Constant(1.0), 0);
                var positive = IntegerPower(b, Math.Abs(n));
                return (n > 0 ? positive : LinqExpr.Divide(LinqExpr.Constant(1.0), positive), depth + 2);
            }
            if (r.Denominator == 2 && BigAbs(r.Numerator) <= 2 * MaxMultiplyPower + 1)
            {
                // b^(m/2) = sqrt(b) * b^((m-1)/2), one square root and multiplications
                int m = (int)r.Numerator;
                LinqExpr root = LinqExpr.Call(MathSqrt, b);
                int whole = (Math.Abs(m) - 1) / 2;
                var positive = whole == 0 ? root : LinqExpr.Multiply(IntegerPower(b, whole), root);
                return (m > 0 ? positive : LinqExpr.Divide(LinqExpr.Constant(1.0), positive), depth + 3);
            }
            if (r.Denominator == 3 && r.Numerator == 1) return (LinqExpr.Call(MathCbrt, b), depth + 1);
            // odd roots of negative bases are real, as in the interpreter: (-8)^(2/3) = 4
            if (!r.Denominator.IsEven)
                return (LinqExpr.Call(OddRootPower, b, LinqExpr.Constant(r.ToDouble()), LinqExpr.Constant(r.Numerator.IsEven ? 1.0 : -1.0)), depth + 1);
        }
        var (exponent, ed) = Get(p.Exponent);
        return (LinqExpr.Call(MathPow, b, exponent), Math.Max(depth, ed) + 1);
    }

    private static System.Numerics.BigInteger BigAbs(System.Numerics.BigInteger v) => System.Numerics.BigInteger.Abs(v);

    // b^n by square-and-multiply; b is read several times, so it goes to a local first unless it is one.
    private LinqExpr IntegerPower(LinqExpr b, int n)
    {
        if (n != 1 && b is not (ParameterExpr or System.Linq.Expressions.ConstantExpression)) b = Temporary(b);
        return SquareAndMultiply(b, n, Temporary);
    }

    /// <summary>
    /// b^n (n &gt;= 1) as products of repeated squares, each square stored through <paramref name="temporary"/>
    /// (a local of the scalar or the vector kernel); <paramref name="b"/> is read several times, so it must be a
    /// local or a constant.
    /// </summary>
    internal static LinqExpr SquareAndMultiply(LinqExpr b, int n, Func<LinqExpr, ParameterExpr> temporary)
    {
        if (n == 1) return b;
        if (n == 2) return LinqExpr.Multiply(b, b);
        LinqExpr? result = null;
        LinqExpr square = b;
        while (true)
        {
            if ((n & 1) == 1) result = result is null ? square : LinqExpr.Multiply(result, square);
            n >>= 1;
            if (n == 0) break;
            square = temporary(LinqExpr.Multiply(square, square));
        }
        return result!;
    }

    private static bool IsLogistic(Call c) =>
        c.Arguments.Length == 1 && (c.Function == Functions.Functions.Sigmoid || c.Function == Functions.Functions.Softplus);

    // The base of sigmoid(a) or softplus(a): a itself, or u when -a = u is already the base of another such call
    // (a loss that reads log(sigmoid(z)) and log(1 - sigmoid(z)) has softplus(-z) and softplus(z)).
    // Registers which of the four functions of the base occur.
    private Expr LogisticOperand(Call c)
    {
        var a = c.Arguments[0];
        if (!_logisticArgument.TryGetValue(a, out var found))
        {
            var negated = Expr.Neg(a);
            found = !_logistic.ContainsKey(a) && _logistic.ContainsKey(negated) ? (negated, true) : (a, false);
            if (!_logistic.ContainsKey(found.Base)) _logistic[found.Base] = new Logistic();
            _logisticArgument[a] = found;
        }
        var kind = c.Function == Functions.Functions.Sigmoid ? LogisticKind.Sigmoid : LogisticKind.Softplus;
        _logistic[found.Base].Kinds |= found.Negated ? (LogisticKind)((int)kind << 1) : kind;
        return found.Base;
    }

    /// <summary>
    /// sigmoid(±u) and softplus(±u) in forms that share their work. Alone, sigmoid(u) is 1/(1 + e^-u): one exp,
    /// one division, no branch, exact limits 0 and 1. When a softplus of u or the sigmoid of -u is needed too,
    /// all of them are made of e = exp(-|u|) (never overflows): softplus(±u) = max(±u, 0) + log1p(e) and
    /// sigmoid(±u) = r or e r with r = 1/(1 + e), by the sign of u. So a log loss and its gradient cost one
    /// exp and one log per example, as backpropagation written by hand does.
    /// </summary>
    private (LinqExpr, int) LogisticCall(Call c)
    {
        var baseExpr = LogisticOperand(c);
        bool negated = _logisticArgument[c.Arguments[0]].Negated;
        var record = _logistic[baseExpr];
        var (code, depth) = Get(baseExpr);
        bool sigmoid = c.Function == Functions.Functions.Sigmoid;
        const LogisticKind bothSigmoids = LogisticKind.Sigmoid | LogisticKind.SigmoidOfNegated;
        bool shared = (record.Kinds & (LogisticKind.Softplus | LogisticKind.SoftplusOfNegated)) != 0 || (record.Kinds & bothSigmoids) == bothSigmoids;
        var one = LinqExpr.Constant(1.0);
        if (sigmoid && !shared)
        {
            var u = record.U ?? code;
            var exponent = negated ? u : u is UnaryExpression { NodeType: ExpressionType.Negate } minus ? minus.Operand : LinqExpr.Negate(u);
            return (LinqExpr.Divide(one, LinqExpr.Add(one, LinqExpr.Call(MathExp, exponent))), depth + 4);
        }
        var value = record.U ??= code is ParameterExpr or ConstantExpression ? code : Temporary(code);
        record.E ??= Temporary(LinqExpr.Call(MathExp, LinqExpr.Negate(LinqExpr.Call(MathAbs, value))));
        if (sigmoid)
        {
            record.R ??= Temporary(LinqExpr.Divide(one, LinqExpr.Add(one, record.E)));
            record.ER ??= Temporary(LinqExpr.Multiply(record.E, record.R));
            var nonNegative = LinqExpr.GreaterThanOrEqual(value, LinqExpr.Constant(0.0));
            return (LinqExpr.Condition(nonNegative, negated ? record.ER : record.R, negated ? record.R : record.ER), 1);
        }
        record.L ??= Temporary(LinqExpr.Call(LogOnePlus, record.E));
        var signed = negated ? LinqExpr.Negate(value) : value;
        return (LinqExpr.Add(LinqExpr.Call(MathMax, signed, LinqExpr.Constant(0.0)), record.L), 2);
    }

    private (LinqExpr, int) CallOf(Call c)
    {
        if (c.Function.IsUndefined)
            throw new SymbolicException($"cannot compile the undefined function '{c.Function.Name}'");
        var args = new LinqExpr[c.Arguments.Length];
        int depth = 0;
        for (int i = 0; i < args.Length; i++)
        {
            (args[i], int d) = Get(c.Arguments[i]);
            depth = Math.Max(depth, d);
        }
        return (c.Function.BuildExpression(args), depth + 1);
    }
}
