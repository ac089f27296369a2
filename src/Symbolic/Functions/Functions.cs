using System.Collections.Concurrent;
using System.Collections.Immutable;
using Symbolic.Syntax;
using static Symbolic.Expr;

namespace Symbolic.Functions;

/// <summary>
/// The function table: every built-in function is one entry here with its numeric implementation,
/// derivative rule f'(u), automatic simplifications and LaTeX name. The parser, evaluator,
/// differentiator, interpreter, compiler and printers all look functions up here.
/// </summary>
public static class Functions
{
    // ---- exponentials and logarithms
    public static readonly FunctionDef Exp = Define("exp", Math.Exp,
        // (e^u)' = e^u
        u => Call(Exp!, u),
        u => u switch
        {
            Number { IsZero: true, IsExact: true } => One,
            Number { IsOne: true } => E,
            Call { Function.Name: "log" } log => log.Argument, // e^(log u) = u
            _ => null,
        }, @"\exp", "exp");

    public static readonly FunctionDef Log = Define("log", Math.Log,
        // (log u)' = 1/u
        u => Pow(u, MinusOne),
        u => u switch
        {
            Number { IsOne: true } => Zero,
            // like 1/0, the logarithm of an exact zero is an error rather than a hidden infinity
            Number { IsZero: true, IsExact: true } => throw new SymbolicException("log(0) is undefined"),
            Constant { Name: "e" } => One,
            Call { Function.Name: "exp" } exp => exp.Argument, // log(e^u) = u for real u
            _ => null,
        }, @"\log", "log");

    // ---- trigonometric
    public static readonly FunctionDef Sin = Define("sin", Math.Sin,
        // (sin u)' = cos u
        u => Call(Cos!, u),
        u => Odd(Sin!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? SpecialValues.SinOfPiTimes(k) : IsZero(u) ? Zero : null), @"\sin", "trig");

    public static readonly FunctionDef Cos = Define("cos", Math.Cos,
        // (cos u)' = -sin u
        u => Neg(Call(Sin!, u)),
        u => Even(Cos!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? SpecialValues.CosOfPiTimes(k) : IsZero(u) ? One : null), @"\cos", "trig");

    public static readonly FunctionDef Tan = Define("tan", Math.Tan,
        // (tan u)' = 1 + tan(u)^2
        u => Add(One, Pow(Call(Tan!, u), Two)),
        u => Odd(Tan!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? SpecialValues.TanOfPiTimes(k) : IsZero(u) ? Zero : null), @"\tan", "trig");

    public static readonly FunctionDef Asin = Define("asin", Math.Asin,
        // (asin u)' = 1/sqrt(1 - u^2)
        u => Pow(Sub(One, Pow(u, Two)), Number(Rational.Create(-1, 2))),
        u => Odd(Asin!, u) ?? SpecialValues.Asin(u), @"\arcsin", "inverse trig");

    public static readonly FunctionDef Acos = Define("acos", Math.Acos,
        // (acos u)' = -1/sqrt(1 - u^2)
        u => Neg(Pow(Sub(One, Pow(u, Two)), Number(Rational.Create(-1, 2)))),
        SpecialValues.Acos, @"\arccos", "inverse trig");

    public static readonly FunctionDef Atan = Define("atan", Math.Atan,
        // (atan u)' = 1/(1 + u^2)
        u => Pow(Add(One, Pow(u, Two)), MinusOne),
        u => Odd(Atan!, u) ?? SpecialValues.Atan(u), @"\arctan", "inverse trig");

    // ---- hyperbolic
    public static readonly FunctionDef Sinh = Define("sinh", Math.Sinh,
        // (sinh u)' = cosh u
        u => Call(Cosh!, u),
        u => Odd(Sinh!, u) ?? (IsZero(u) ? Zero : null), @"\sinh", "hyperbolic");

    public static readonly FunctionDef Cosh = Define("cosh", Math.Cosh,
        // (cosh u)' = sinh u
        u => Call(Sinh!, u),
        u => Even(Cosh!, u) ?? (IsZero(u) ? One : null), @"\cosh", "hyperbolic");

    public static readonly FunctionDef Tanh = Define("tanh", Math.Tanh,
        // (tanh u)' = 1 - tanh(u)^2
        u => Sub(One, Pow(Call(Tanh!, u), Two)),
        u => Odd(Tanh!, u) ?? (IsZero(u) ? Zero : null), @"\tanh", "hyperbolic");

    // ---- machine learning
    public static readonly FunctionDef Sigmoid = Define("sigmoid", NumericFunctions.Sigmoid,
        // sigmoid'(u) = sigmoid(u) (1 - sigmoid(u))
        u => Mul(Call(Sigmoid!, u), Sub(One, Call(Sigmoid!, u))),
        u => IsZero(u) ? Expr.Half : null, @"\sigma", "sigmoid");

    public static readonly FunctionDef Softplus = Define("softplus", NumericFunctions.Softplus,
        // softplus'(u) = sigmoid(u)
        u => Call(Sigmoid, u),
        u => IsZero(u) ? Call(Log, Two) : null, @"\operatorname{softplus}", "softplus");

    public static readonly FunctionDef Relu = Define("relu", NumericFunctions.Relu,
        // relu'(u) = step(u), with step(0) = 0 as ML libraries take it
        u => Call(Step!, u),
        u => u is Number { IsExact: true } n ? (n.IsNegative ? Zero : n) : null, @"\operatorname{relu}", "relu");

    public static readonly FunctionDef Step = Define("step", NumericFunctions.Step,
        // step'(u) = 0 away from the jump
        _ => Zero,
        u => u is Number { IsExact: true } n ? (n.IsNegative || n.IsZero ? Zero : One) : null, @"\operatorname{step}", "step");

    // ---- absolute value and sign
    public static readonly FunctionDef Abs = Define("abs", Math.Abs,
        // |u|' = sign(u), taken as 0 at u = 0
        u => Call(Sign!, u),
        u => u switch
        {
            Number { IsExact: true } n => Number(n.Exact.Abs()),
            Call { Function.Name: "abs" } => u,
            Constant => u,
            _ when TryNegate(u) is { } positive => Call(Abs!, positive),
            _ => null,
        }, "", "abs");

    public static readonly FunctionDef Sign = Define("sign", NumericFunctions.Sign,
        // sign'(u) = 0 away from the jump
        _ => Zero,
        u => u switch
        {
            Number { IsExact: true } n => Number(n.Exact.Sign),
            Constant => One,
            _ => Odd(Sign!, u),
        }, @"\operatorname{sign}", "sign");

    private static readonly ImmutableDictionary<string, FunctionDef> Table =
        new[] { Exp, Log, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Sigmoid, Softplus, Relu, Step, Abs, Sign }
            .ToImmutableDictionary(f => f.Name);

    /// <summary>Names that build other functions: <c>sqrt(u)</c> is u^(1/2), <c>ln</c> is <c>log</c>, <c>log(u, b)</c> is log(u)/log(b).</summary>
    private static readonly ImmutableHashSet<string> Derived = ["sqrt", "ln"];

    public static IEnumerable<FunctionDef> All => Table.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>True for every name a call can use without defining it: the table and sqrt, ln.</summary>
    public static bool IsBuiltIn(string name) => Table.ContainsKey(name) || Derived.Contains(name);

    public static FunctionDef? Lookup(string name) => Table.GetValueOrDefault(name);

    /// <summary>Applies a built-in function by name, checking its arity.</summary>
    /// <exception cref="SymbolicException">Wrong number of arguments or unknown name.</exception>
    public static Expr Apply(string name, IReadOnlyList<Expr> args)
    {
        switch (name)
        {
            case "sqrt":
                CheckArity(name, args, 1);
                return Sqrt(args[0]);
            case "ln":
                CheckArity(name, args, 1);
                return Call(Log, args[0]);
            case "log" when args.Count == 2:
                return Div(Call(Log, args[0]), Call(Log, args[1]));
            case "log":
                if (args.Count != 1) throw new SymbolicException($"function 'log' takes 1 or 2 arguments, got {args.Count}");
                return Call(Log, args[0]);
        }
        var f = Lookup(name) ?? throw new SymbolicException($"unknown function '{name}'");
        CheckArity(name, args, f.Arity);
        return Call(f, args.ToImmutableArray());
    }

    private static readonly ConcurrentDictionary<(string, int), FunctionDef> UndefinedFunctions = new();

    /// <summary>The undefined function <paramref name="name"/> of <paramref name="arity"/> arguments, such as g in g(x).</summary>
    public static FunctionDef Undefined(string name, int arity) =>
        UndefinedFunctions.GetOrAdd((name, arity), static k =>
            new FunctionDef(k.Item1, k.Item2, null, null, null, k.Item1.Length == 1 ? k.Item1 : $@"\operatorname{{{k.Item1}}}", "undefined function", isUndefined: true));

    internal static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static void CheckArity(string name, IReadOnlyList<Expr> args, int arity)
    {
        if (args.Count != arity)
            throw new SymbolicException($"function '{name}' takes {Plural(arity, "argument")}, got {args.Count}");
    }

    private static FunctionDef Define(string name, Func<double, double> evaluate, Func<Expr, Expr> derivative,
        Func<Expr, Expr?> simplify, string latex, string rule) =>
        new(name, 1, evaluate, derivative, simplify, latex, rule);

    // ---- helpers for the simplification hooks

    private static bool IsZero(Expr u) => u is Number { IsZero: true, IsExact: true };

    /// <summary>If u = -v (a negative number or a product with a negative coefficient), returns v.</summary>
    internal static Expr? TryNegate(Expr u) => u switch
    {
        Number { IsExact: true, IsNegative: true } n => Number(-n.Exact),
        Mul { Factors: [Number { IsNegative: true }, ..] } => Neg(u),
        _ => null,
    };

    // f(-u) = -f(u)
    private static Expr? Odd(FunctionDef f, Expr u) => TryNegate(u) is { } v ? Neg(Call(f, v)) : null;

    // f(-u) = f(u)
    private static Expr? Even(FunctionDef f, Expr u) => TryNegate(u) is { } v ? Call(f, v) : null;
}
