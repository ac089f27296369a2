using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using LinqExpr = System.Linq.Expressions.Expression;
using ParameterExpr = System.Linq.Expressions.ParameterExpression;

namespace Symbolic.Compilation;

/// <summary>
/// f at rows <c>from</c> to <c>from + count</c> of <c>points</c> (one point per row), with the parameters' values in
/// <c>parameters</c>; the value of row r goes to <c>output[r]</c>. For the SIMD kernel <c>count</c> is a multiple of
/// <see cref="Vector{T}.Count"/>.
/// </summary>
internal delegate void VectorBatch(double[,] points, int from, double[] parameters, double[] output, int count);

/// <summary>
/// Batch evaluation with SIMD: one compiled loop evaluates <see cref="Vector{T}.Count"/> points at once
/// (4 doubles with AVX2), every node of the expression a <see cref="Vector{T}"/> of double. Only operations
/// with vector forms are accepted: + - * /, integer powers (by multiplication), square roots (<c>x^(k/2)</c>),
/// exp, log, abs and sigmoid (as 1/(1 + e^-u)); any other node (a general power, sin, a user function)
/// makes <see cref="TryValues"/> return null and the batch runs the scalar kernel. The arithmetic rounds as
/// the scalar code does (same operations in the same order); <see cref="Vector.Exp(Vector{double})"/> and
/// <see cref="Vector.Log(Vector{double})"/> may differ from <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/>
/// in the last bit or two.
/// </summary>
internal static class VectorKernels
{
    /// <summary>Expressions with more distinct nodes run scalar: each node is a vector local, and past a
    /// few hundred the JIT would keep them in memory.</summary>
    internal const int MaxNodes = 256;

    private const int MaxMultiplyPower = 64;

    private static readonly ConstructorInfo Broadcast = typeof(Vector<double>).GetConstructor([typeof(double)])!;
    private static readonly MethodInfo Store = typeof(Vector<double>).GetMethod(nameof(Vector<double>.CopyTo), [typeof(double[]), typeof(int)])!;
    // Vector<double> of 4 (AVX2) or 2 (SSE2, Arm64) lanes, gathered from one column of consecutive rows
    private static readonly MethodInfo? Gather = Vector<double>.Count switch
    {
        4 => typeof(Vector256).GetMethod(nameof(Vector256.Create), [typeof(double), typeof(double), typeof(double), typeof(double)]),
        2 => typeof(Vector128).GetMethod(nameof(Vector128.Create), [typeof(double), typeof(double)]),
        _ => null,
    };
    private static readonly MethodInfo? AsVector = Vector<double>.Count switch
    {
        4 => typeof(Vector256).GetMethod(nameof(Vector256.AsVector))!.MakeGenericMethod(typeof(double)),
        2 => typeof(Vector128).GetMethod(nameof(Vector128.AsVector))!.MakeGenericMethod(typeof(double)),
        _ => null,
    };
    private static readonly MethodInfo Exp = VectorMethod(nameof(Vector.Exp));
    private static readonly MethodInfo Log = VectorMethod(nameof(Vector.Log));
    private static readonly MethodInfo Sqrt = VectorMethod(nameof(Vector.SquareRoot));
    private static readonly MethodInfo Abs = VectorMethod(nameof(Vector.Abs));

    // Vector.Exp(Vector<double>) is an overload of its own; SquareRoot and Abs are generic in T
    private static MethodInfo VectorMethod(string name) =>
        typeof(Vector).GetMethod(name, [typeof(Vector<double>)])
        ?? typeof(Vector).GetMethods().Single(m => m.Name == name && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(typeof(double));

    /// <summary>The number of points one iteration evaluates.</summary>
    public static int Width => Vector<double>.Count;

    /// <summary>The vectorized batch kernel of <paramref name="f"/>, or null when a node has no vector form
    /// or the hardware has no SIMD.</summary>
    public static VectorBatch? TryValues(Expr f, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters)
    {
        if (!Vector.IsHardwareAccelerated || Gather is null) return null;
        var order = new List<Expr>();
        if (!Order(f, order)) return null;

        var points = LinqExpr.Parameter(typeof(double[,]), "points");
        var from = LinqExpr.Parameter(typeof(int), "from");
        var pars = LinqExpr.Parameter(typeof(double[]), "parameters");
        var output = LinqExpr.Parameter(typeof(double[]), "output");
        var count = LinqExpr.Parameter(typeof(int), "count");
        var i = LinqExpr.Variable(typeof(int), "i");
        var row = LinqExpr.Variable(typeof(int), "row");

        var column = new Dictionary<Symbol, int>();
        for (int j = 0; j < variables.Count; j++) column[variables[j]] = j;
        var parameter = new Dictionary<Symbol, int>();
        for (int j = 0; j < parameters.Count; j++) parameter[parameters[j]] = j;

        // Constants and parameters are broadcast once, before the loop; every other node is a local of the loop body.
        var hoisted = new List<ParameterExpr>();
        var prologue = new List<LinqExpr>();
        var locals = new List<ParameterExpr>();
        var body = new List<LinqExpr>();
        var code = new Dictionary<Expr, ParameterExpr>();
        var constants = new Dictionary<double, ParameterExpr>();

        ParameterExpr Constant(double value)
        {
            if (constants.TryGetValue(value, out var known)) return known;
            var local = LinqExpr.Variable(typeof(Vector<double>));
            hoisted.Add(local);
            prologue.Add(LinqExpr.Assign(local, LinqExpr.New(Broadcast, LinqExpr.Constant(value))));
            return constants[value] = local;
        }

        ParameterExpr Temporary(LinqExpr value)
        {
            var local = LinqExpr.Variable(typeof(Vector<double>));
            locals.Add(local);
            body.Add(LinqExpr.Assign(local, value));
            return local;
        }

        // square-and-multiply, as the scalar emitter does
        LinqExpr Power(ParameterExpr b, int n) => LinqEmitter.SquareAndMultiply(b, n, Temporary);

        foreach (var node in order)
        {
            switch (node)
            {
                case Number n:
                    code[node] = Constant(n.Value);
                    break;
                case Constant c:
                    code[node] = Constant(c.Value);
                    break;
                case Symbol s when column.TryGetValue(s, out int j):
                {
                    // coordinate j of Width consecutive rows, gathered straight from the row-major matrix
                    var lanes = Enumerable.Range(0, Width).Select(k => (LinqExpr)LinqExpr.ArrayAccess(points,
                        k == 0 ? row : LinqExpr.Add(row, LinqExpr.Constant(k)), LinqExpr.Constant(j))).ToArray();
                    code[node] = Temporary(LinqExpr.Call(AsVector!, LinqExpr.Call(Gather, lanes)));
                    break;
                }
                case Symbol s when parameter.TryGetValue(s, out int j):
                {
                    var local = LinqExpr.Variable(typeof(Vector<double>), s.Name);
                    hoisted.Add(local);
                    prologue.Add(LinqExpr.Assign(local, LinqExpr.New(Broadcast, LinqExpr.ArrayIndex(pars, LinqExpr.Constant(j)))));
                    code[node] = local;
                    break;
                }
                case Symbol:
                    return null; // an unknown symbol: the scalar compiler reports it
                case Add a:
                {
                    // left to right, as the scalar emitter adds (a - c*u there is a + (-(c*u)) here: the same value)
                    LinqExpr? acc = null;
                    foreach (var t in a.Terms) acc = acc is null ? code[t] : LinqExpr.Add(acc, code[t]);
                    code[node] = Temporary(acc!);
                    break;
                }
                case Mul m:
                {
                    // c * u * v / (w * z), the negative integer powers in one division, as the scalar emitter does
                    LinqExpr? numerator = null, denominator = null;
                    bool negate = false;
                    foreach (var factor in m.Factors)
                    {
                        if (factor is Number { IsNegative: true } coefficient)
                        {
                            negate = true;
                            if (!coefficient.IsMinusOne) numerator = Constant(-coefficient.Value);
                            continue;
                        }
                        if (factor is Pow { Exponent: Number { IsInteger: true, IsNegative: true } k } p && -k.Value <= MaxMultiplyPower)
                        {
                            var positive = Power(code[p.Base], (int)-k.Value);
                            denominator = denominator is null ? positive : LinqExpr.Multiply(denominator, positive);
                            continue;
                        }
                        numerator = numerator is null ? code[factor] : LinqExpr.Multiply(numerator, code[factor]);
                    }
                    LinqExpr result = (numerator, denominator) switch
                    {
                        (null, null) => Constant(1),
                        (_, null) => numerator,
                        (null, _) => LinqExpr.Divide(Constant(1), denominator),
                        _ => LinqExpr.Divide(numerator, denominator),
                    };
                    code[node] = Temporary(negate ? LinqExpr.Negate(result) : result);
                    break;
                }
                case Pow p:
                {
                    var r = ((Number)p.Exponent).Exact;
                    var b = code[p.Base];
                    int k = (int)r.Numerator;
                    if (r.IsInteger)
                        code[node] = k == 0 ? Constant(1)
                            : Temporary(k > 0 ? Power(b, k) : LinqExpr.Divide(Constant(1), Power(b, -k)));
                    else
                    {
                        // b^(k/2) = sqrt(b) * b^((k-1)/2)
                        LinqExpr root = LinqExpr.Call(Sqrt, b);
                        int whole = (Math.Abs(k) - 1) / 2;
                        var positive = whole == 0 ? root : LinqExpr.Multiply(Power(b, whole), root);
                        code[node] = Temporary(k > 0 ? positive : LinqExpr.Divide(Constant(1), positive));
                    }
                    break;
                }
                case Call c:
                {
                    var u = code[c.Arguments[0]];
                    if (c.Function == Functions.Functions.Exp) code[node] = Temporary(LinqExpr.Call(Exp, u));
                    else if (c.Function == Functions.Functions.Log) code[node] = Temporary(LinqExpr.Call(Log, u));
                    else if (c.Function == Functions.Functions.Abs) code[node] = Temporary(LinqExpr.Call(Abs, u));
                    else // sigmoid: 1/(1 + e^-u), exact limits 0 and 1
                        code[node] = Temporary(LinqExpr.Divide(Constant(1), LinqExpr.Add(Constant(1), LinqExpr.Call(Exp, LinqExpr.Negate(u)))));
                    break;
                }
                default:
                    return null;
            }
        }

        var width = LinqExpr.Constant(Width);
        body.Add(LinqExpr.Call(code[f], Store, output, row));
        body.Add(LinqExpr.AddAssign(i, width));
        var exit = LinqExpr.Label("done");
        var loop = LinqExpr.Loop(
            LinqExpr.IfThenElse(LinqExpr.LessThan(i, count), LinqExpr.Block(locals, [LinqExpr.Assign(row, LinqExpr.Add(from, i)), .. body]), LinqExpr.Break(exit)),
            exit);
        var statements = new List<LinqExpr>(prologue) { LinqExpr.Assign(i, LinqExpr.Constant(0)), loop, LinqExpr.Empty() };
        var lambda = LinqExpr.Lambda<VectorBatch>(LinqExpr.Block(typeof(void), [i, row, .. hoisted], statements),
            points, from, pars, output, count);
        return KernelProgram.CompileChunk(lambda);
    }

    /// <summary>The distinct nodes of <paramref name="f"/>, children first; false when one has no vector form.</summary>
    private static bool Order(Expr f, List<Expr> order)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, bool Ready)>();
        stack.Push((f, false));
        while (stack.Count > 0)
        {
            var (node, ready) = stack.Pop();
            if (ready)
            {
                order.Add(node);
                continue;
            }
            if (!seen.Add(node)) continue;
            if (seen.Count > MaxNodes || !HasVectorForm(node)) return false;
            stack.Push((node, true));
            // a factor b^-k of a product is emitted as a division by b^k: the product needs b, not b^-k
            IEnumerable<Expr> operands = node switch
            {
                Pow p => [p.Base],
                Mul m => m.Factors.Select(f => f is Pow { Exponent: Number { IsInteger: true, IsNegative: true } k } p && -k.Value <= MaxMultiplyPower ? p.Base : f),
                _ => node.Children,
            };
            foreach (var child in operands)
                if (!seen.Contains(child)) stack.Push((child, false));
        }
        return true;
    }

    private static bool HasVectorForm(Expr e) => e switch
    {
        Number or Constant or Symbol or Add or Mul => true,
        Pow { Exponent: Number { IsExact: true } k } => k.Exact is var r
            && (r.IsInteger || r.Denominator == 2) && System.Numerics.BigInteger.Abs(r.Numerator) <= MaxMultiplyPower,
        Call { Arguments.Length: 1 } c => c.Function == Functions.Functions.Exp || c.Function == Functions.Functions.Log
            || c.Function == Functions.Functions.Abs || c.Function == Functions.Functions.Sigmoid,
        _ => false,
    };
}
