using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using static Symbolic.Expr;

namespace Symbolic.Functions;

/// <summary>
/// The function table: every function a user can call is one entry here, with its arity, numeric
/// implementation, partial derivatives, automatic simplification, series rule, LaTeX form, smoothness
/// and help line. The evaluator, differentiator, <c>steps</c>, interpreter, compiler, Taylor expansion
/// and printers all read the entries; none of them switches on a function's name.
/// </summary>
public static class Functions
{
    private const string Elementary = "elementary", Trigonometric = "trigonometric", Hyperbolic = "hyperbolic",
        MachineLearning = "machine learning", Piecewise = "piecewise";

    // LaTeX forms other than name\left(args\right); before the entries, which use them
    private static readonly LatexForm SuperscriptOfE = new(true, "e^{", 0, "}");
    private static readonly LatexForm UnaryLog = LatexForm.Operator(@"\log", 1);
    private static readonly LatexForm LogToBase = new(false, @"\log_{", 1, @"}\left(", 0, @"\right)");
    private static readonly LatexForm SquareRootForm = new(false, @"\sqrt{", 0, "}");
    private static readonly LatexForm AbsoluteValue = new(false, @"\left|", 0, @"\right|");

    // ---- exponentials, logarithms and roots

    /// <summary>exp(x) = e^x.</summary>
    public static readonly FunctionDef Exp = new("exp", 1, 1, "exp", unary: Math.Exp)
    {
        // (e^u)' = e^u
        Derivative = u => Call(Exp!, u),
        Simplify1 = u => u switch
        {
            Number { IsZero: true, IsExact: true } => One,
            Number { IsOne: true } => E,
            Call log when log.Function == Log => log.Argument, // e^(log u) = u
            // e^(k log u) = u^k and e^(log u + log v + w) = u v e^w, for u, v > 0 where log is real
            Mul or Add => ExpOfLogarithms(u),
            _ => null,
        },
        Series = c => c.Ring.Exp(c.Argument),
        LatexName = @"\exp",
        LatexFormatter = _ => SuperscriptOfE,
        Signature = "exp(x)", Help = "exponential function e^x", Group = Elementary,
    };

    /// <summary>log(x), the natural logarithm; log(x, b) is built as log(x)/log(b).</summary>
    public static readonly FunctionDef Log = new("log", 1, 2, "log", unary: Math.Log, binary: Math.Log)
    {
        // (log u)' = 1/u; log(u, b) = log u / log b: d/du = 1/(u log b), d/db = -log u/(b log(b)^2)
        PartialRule = (args, i) => args.Length == 1 ? Pow(args[0], MinusOne)
            : i == 0 ? Pow(Mul(args[0], Call(Log!, args[1])), MinusOne)
            : Neg(Mul(Call(Log!, args[0]), Pow(args[1], MinusOne), Pow(Call(Log!, args[1]), Number(-2)))),
        // log(x, b) canonicalizes to log(x)/log(b), so the change-of-base rules apply to it unchanged
        // (log(8, 2) is 3: a rational logarithm of rationals is folded)
        Simplify = args => args.Length == 2
            ? RationalLogarithm(args[0], args[1]) ?? Div(Call(Log!, args[0]), Call(Log!, args[1]))
            : LogOf(args[0]),
        Series = c =>
        {
            if (c.Arguments.Length != 1) throw c.Unsupported();
            if (ISeriesArithmetic.IsZero(c.Argument0)) throw c.NotAnalytic();
            return c.Ring.Log(c.Argument);
        },
        LatexName = @"\log",
        LatexFormatter = args => args.Length == 2 ? LogToBase : UnaryLog,
        Signature = "log(x), log(x, b)", Help = "natural logarithm; log(x, b) is the logarithm to base b, log(x)/log(b)", Group = Elementary,
    };

    /// <summary>ln(x), another name for log(x): the call builds log(x).</summary>
    public static readonly FunctionDef Ln = new("ln", 1, 1, "log", unary: Math.Log)
    {
        Derivative = u => Pow(u, MinusOne),
        Simplify1 = u => Call(Log, u),
        LatexName = @"\ln",
        Signature = "ln(x)", Help = "natural logarithm, the same as log(x)", Group = Elementary,
    };

    /// <summary>sqrt(x), the square root: the call builds x^(1/2).</summary>
    public static readonly FunctionDef SquareRoot = new("sqrt", 1, 1, "power", unary: Math.Sqrt)
    {
        // (u^(1/2))' = u^(-1/2)/2
        Derivative = u => Mul(Expr.Half, Pow(u, Number(Rational.Create(-1, 2)))),
        Simplify1 = Sqrt,
        LatexFormatter = _ => SquareRootForm,
        Signature = "sqrt(x)", Help = "square root, x^(1/2)", Group = Elementary,
    };

    // ---- trigonometric

    /// <summary>sin(x), x in radians.</summary>
    public static readonly FunctionDef Sin = new("sin", 1, 1, "trig", unary: Math.Sin)
    {
        // (sin u)' = cos u
        Derivative = u => Call(Cos!, u),
        Simplify1 = u => Odd(Sin!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? SpecialValues.SinOfPiTimes(k) : IsZero(u) ? Zero : null),
        Series = c => SinCos(c, hyperbolic: false, sine: true),
        LatexName = @"\sin",
        Signature = "sin(x)", Help = "sine (x in radians)", Group = Trigonometric,
    };

    /// <summary>cos(x), x in radians.</summary>
    public static readonly FunctionDef Cos = new("cos", 1, 1, "trig", unary: Math.Cos)
    {
        // (cos u)' = -sin u
        Derivative = u => Neg(Call(Sin!, u)),
        Simplify1 = u => Even(Cos!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? SpecialValues.CosOfPiTimes(k) : IsZero(u) ? One : null),
        Series = c => SinCos(c, hyperbolic: false, sine: false),
        LatexName = @"\cos",
        Signature = "cos(x)", Help = "cosine (x in radians)", Group = Trigonometric,
    };

    /// <summary>tan(x), x in radians.</summary>
    public static readonly FunctionDef Tan = new("tan", 1, 1, "trig", unary: Math.Tan)
    {
        // (tan u)' = 1 + tan(u)^2
        Derivative = u => Add(One, Pow(Call(Tan!, u), Two)),
        Simplify1 = u => Odd(Tan!, u) ?? (SpecialValues.MultipleOfPi(u) is { } k ? TanAt(u, k) : IsZero(u) ? Zero : null),
        Quotient = (Sin, Cos), // tan = sin/cos
        Series = c =>
        {
            if (Call(Cos, c.Argument0) is Number { IsZero: true }) throw c.NotAnalytic(); // a pole
            return c.Ring.Tan(c.Argument, hyperbolic: false);
        },
        LatexName = @"\tan",
        Signature = "tan(x)", Help = "tangent (x in radians)", Group = Trigonometric,
    };

    /// <summary>asin(x), the inverse sine.</summary>
    public static readonly FunctionDef Asin = new("asin", 1, 1, "inverse trig", unary: Math.Asin)
    {
        // (asin u)' = 1/sqrt(1 - u^2)
        Derivative = u => Pow(Sub(One, Pow(u, Two)), Number(Rational.Create(-1, 2))),
        Simplify1 = u => Odd(Asin!, u) ?? SpecialValues.Asin(u),
        Series = c => InverseSine(c, negate: false),
        LatexName = @"\arcsin",
        Signature = "asin(x)", Help = "inverse sine, in [-pi/2, pi/2]", Group = Trigonometric,
    };

    /// <summary>acos(x), the inverse cosine.</summary>
    public static readonly FunctionDef Acos = new("acos", 1, 1, "inverse trig", unary: Math.Acos)
    {
        // (acos u)' = -1/sqrt(1 - u^2)
        Derivative = u => Neg(Pow(Sub(One, Pow(u, Two)), Number(Rational.Create(-1, 2)))),
        Simplify1 = SpecialValues.Acos,
        Series = c => InverseSine(c, negate: true),
        LatexName = @"\arccos",
        Signature = "acos(x)", Help = "inverse cosine, in [0, pi]", Group = Trigonometric,
    };

    /// <summary>atan(x), the inverse tangent.</summary>
    public static readonly FunctionDef Atan = new("atan", 1, 1, "inverse trig", unary: Math.Atan)
    {
        // (atan u)' = 1/(1 + u^2)
        Derivative = u => Pow(Add(One, Pow(u, Two)), MinusOne),
        Simplify1 = u => Odd(Atan!, u) ?? SpecialValues.Atan(u),
        Series = c =>
        {
            // atan' = 1/(1 + s^2)
            var ring = c.Ring;
            var d = ring.Sum([ring.Constant(One), ring.Mul(c.Argument, c.Argument)]);
            if (ISeriesArithmetic.IsZero(d[0])) throw c.NotAnalytic();
            return ring.Integral(c.Argument, ring.Reciprocal(d), Call(Atan!, c.Argument0));
        },
        LatexName = @"\arctan",
        Signature = "atan(x)", Help = "inverse tangent, in (-pi/2, pi/2)", Group = Trigonometric,
    };

    /// <summary>atan2(y, x), the angle of the point (x, y): the two-argument inverse tangent.</summary>
    public static readonly FunctionDef Atan2 = new("atan2", 2, 2, "atan2", binary: Math.Atan2)
    {
        // d/dy = x/(x^2 + y^2), d/dx = -y/(x^2 + y^2)
        PartialRule = (args, i) => Mul(i == 0 ? args[1] : Neg(args[0]), Pow(Add(Pow(args[0], Two), Pow(args[1], Two)), MinusOne)),
        // atan2(y, x) = atan(y/x) for x > 0 (SymPy's rule); on the y axis ±pi/2; for x < 0 and a known sign of y, atan(y/x) ± pi
        Simplify = args => (args[0], args[1]) switch
        {
            (var y, Number { IsExact: true, IsZero: false, IsNegative: false } x) => Call(Atan, Div(y, x)),
            (Number { IsExact: true, IsZero: false } y, Number { IsExact: true, IsZero: true }) => Mul(y.IsNegative ? Number(Rational.Create(-1, 2)) : Expr.Half, Pi),
            (Number { IsExact: true } y, Number { IsExact: true, IsNegative: true } x) => Add(Call(Atan, Div(y, x)), y.IsNegative ? Neg(Pi) : Pi),
            _ => null,
        },
        Series = c =>
        {
            // F = atan2(y0, x0) + ∫ x/(x^2 + y^2) dy - ∫ y/(x^2 + y^2) dx
            var (ring, y, x) = (c.Ring, c.Arguments[0], c.Arguments[1]);
            var r2 = ring.Sum([ring.Mul(x, x), ring.Mul(y, y)]);
            if (ISeriesArithmetic.IsZero(r2[0])) throw c.NotAnalytic(); // the origin
            if (ISeriesArithmetic.IsZero(y[0]) && x[0] is not Number { IsNegative: false })
            {
                // on the negative x axis the angle jumps from pi to -pi, unless y stays 0
                if (x[0] is not Number || ring.Valuation(y) > ring.Order) throw c.Unsupported();
                throw c.NotAnalytic();
            }
            var inverse = ring.Reciprocal(r2);
            return ring.Sum([
                ring.Integral(y, ring.Mul(x, inverse), Call(Atan2!, y[0], x[0])),
                ring.Integral(x, ring.Scale(MinusOne, ring.Mul(y, inverse)), Zero),
            ]);
        },
        // a jump across the negative x axis (y = 0, x < 0) and no value at the origin
        KinkDistance = args => args[1] >= 0 ? Math.Sqrt(args[0] * args[0] + args[1] * args[1]) : Math.Abs(args[0]),
        LatexName = @"\operatorname{atan2}",
        Signature = "atan2(y, x)", Help = "angle of the point (x, y) from the positive x axis, in (-pi, pi]", Group = Trigonometric,
    };

    // ---- hyperbolic

    /// <summary>sinh(x), the hyperbolic sine.</summary>
    public static readonly FunctionDef Sinh = new("sinh", 1, 1, "hyperbolic", unary: Math.Sinh)
    {
        // (sinh u)' = cosh u
        Derivative = u => Call(Cosh!, u),
        Simplify1 = u => Odd(Sinh!, u) ?? (IsZero(u) ? Zero : null),
        Series = c => SinCos(c, hyperbolic: true, sine: true),
        LatexName = @"\sinh",
        Signature = "sinh(x)", Help = "hyperbolic sine", Group = Hyperbolic,
    };

    /// <summary>cosh(x), the hyperbolic cosine.</summary>
    public static readonly FunctionDef Cosh = new("cosh", 1, 1, "hyperbolic", unary: Math.Cosh)
    {
        // (cosh u)' = sinh u
        Derivative = u => Call(Sinh!, u),
        Simplify1 = u => Even(Cosh!, u) ?? (IsZero(u) ? One : null),
        Series = c => SinCos(c, hyperbolic: true, sine: false),
        LatexName = @"\cosh",
        Signature = "cosh(x)", Help = "hyperbolic cosine", Group = Hyperbolic,
    };

    /// <summary>tanh(x), the hyperbolic tangent.</summary>
    public static readonly FunctionDef Tanh = new("tanh", 1, 1, "hyperbolic", unary: Math.Tanh)
    {
        // (tanh u)' = 1 - tanh(u)^2
        Derivative = u => Sub(One, Pow(Call(Tanh!, u), Two)),
        Quotient = (Sinh, Cosh), // tanh = sinh/cosh
        Simplify1 = u => Odd(Tanh!, u) ?? (IsZero(u) ? Zero : null),
        Series = c => c.Ring.Tan(c.Argument, hyperbolic: true),
        LatexName = @"\tanh",
        Signature = "tanh(x)", Help = "hyperbolic tangent", Group = Hyperbolic,
    };

    // ---- machine learning

    /// <summary>sigmoid(x) = 1/(1 + e^-x), the logistic function.</summary>
    public static readonly FunctionDef Sigmoid = new("sigmoid", 1, 1, "sigmoid", unary: NumericFunctions.Sigmoid)
    {
        // sigmoid'(u) = sigmoid(u) (1 - sigmoid(u))
        Derivative = u => Mul(Call(Sigmoid!, u), Sub(One, Call(Sigmoid!, u))),
        Simplify1 = u => u switch
        {
            Number { IsZero: true, IsExact: true } => Expr.Half,
            Call logit when logit.Function == Logit => logit.Argument, // sigmoid(logit(p)) = p
            _ => null,
        },
        // sigmoid(-u) = 1 - sigmoid(u)
        Reflection = u => Sub(One, Call(Sigmoid!, u)),
        Series = c => c.Ring.Sigmoid(c.Argument),
        LatexName = @"\sigma",
        Signature = "sigmoid(x)", Help = "logistic function 1/(1 + e^-x)", Group = MachineLearning,
    };

    /// <summary>softplus(x) = log(1 + e^x), a smooth relu.</summary>
    public static readonly FunctionDef Softplus = new("softplus", 1, 1, "softplus", unary: NumericFunctions.Softplus)
    {
        // softplus'(u) = sigmoid(u)
        Derivative = u => Call(Sigmoid, u),
        Simplify1 = u => IsZero(u) ? Call(Log, Two) : null,
        // softplus(-u) = softplus(u) - u, since softplus(u) - softplus(-u) = log(e^u) = u
        Reflection = u => Sub(Call(Softplus!, u), u),
        Series = c => c.Ring.Softplus(c.Argument),
        LatexName = @"\operatorname{softplus}",
        Signature = "softplus(x)", Help = "log(1 + e^x), a smooth relu", Group = MachineLearning,
    };

    /// <summary>relu(x) = max(x, 0).</summary>
    public static readonly FunctionDef Relu = new("relu", 1, 1, "relu", unary: NumericFunctions.Relu)
    {
        // relu'(u) = step(u), with step(0) = 0 as ML libraries take it
        Derivative = u => Call(Step!, u),
        Simplify1 = u => u is Number { IsExact: true } n ? (n.IsNegative ? Zero : n) : null,
        // relu(-u) = relu(u) - u, since max(u, 0) - max(-u, 0) = u
        Reflection = u => Sub(Call(Relu!, u), u),
        Series = c => c.Piecewise(jumps: false, positive => positive ? c.Argument : c.Ring.Zeros()),
        UnaryKinkAt = 0,
        LatexName = @"\operatorname{relu}",
        Signature = "relu(x)", Help = "rectified linear unit max(x, 0)", Group = MachineLearning,
    };

    /// <summary>step(x), the unit step: 1 for x &gt; 0, else 0.</summary>
    public static readonly FunctionDef Step = new("step", 1, 1, "step", unary: NumericFunctions.Step)
    {
        // step'(u) = 0 away from the jump
        Derivative = _ => Zero,
        Simplify1 = u => u is Number { IsExact: true } n ? (n.IsNegative || n.IsZero ? Zero : One) : null,
        Series = c => c.Piecewise(jumps: true, positive => c.Ring.Constant(positive ? One : Zero)),
        UnaryKinkAt = 0,
        LatexName = @"\operatorname{step}",
        Signature = "step(x)", Help = "unit step: 1 for x > 0, else 0 (the derivative of relu)", Group = MachineLearning,
    };

    /// <summary>logit(p) = log(p/(1 - p)), the inverse of sigmoid.</summary>
    public static readonly FunctionDef Logit = new("logit", 1, 1, "logit", unary: NumericFunctions.Logit)
    {
        // logit'(u) = 1/(u (1 - u))
        Derivative = u => Pow(Mul(u, Sub(One, u)), MinusOne),
        Simplify1 = u => u switch
        {
            Number { IsExact: true } n when n.Exact.Equals(Rational.Half) => Zero,
            Call sigmoid when sigmoid.Function == Sigmoid => sigmoid.Argument, // logit(sigmoid(u)) = u
            _ => null,
        },
        Series = c =>
        {
            // log(s) - log(1 - s)
            var ring = c.Ring;
            var complement = ring.Sum([ring.Constant(One), ring.Scale(MinusOne, c.Argument)]);
            if (ISeriesArithmetic.IsZero(c.Argument0) || ISeriesArithmetic.IsZero(complement[0])) throw c.NotAnalytic();
            return ring.Sum([ring.Log(c.Argument), ring.Scale(MinusOne, ring.Log(complement))]);
        },
        LatexName = @"\operatorname{logit}",
        Signature = "logit(p)", Help = "log(p/(1 - p)), the inverse of sigmoid", Group = MachineLearning,
    };

    // ---- absolute value and sign

    /// <summary>abs(x) = |x|.</summary>
    public static readonly FunctionDef Abs = new("abs", 1, 1, "abs", unary: Math.Abs)
    {
        // |u|' = sign(u), taken as 0 at u = 0
        Derivative = u => Call(Sign!, u),
        Simplify1 = u => u switch
        {
            Number { IsExact: true } n => Number(n.Exact.Abs()),
            Call c when c.Function == Abs => u,
            Constant => u,
            // |u^k| = u^k when the power cannot be negative: an even power, an even root; |e^u| = e^u
            Pow { Exponent: Number { IsExact: true } k } when k.Exact.Numerator.IsEven || k.Exact.Denominator.IsEven => u,
            Call c when c.Function == Exp => u,
            _ when TryNegate(u) is { } positive => Call(Abs!, positive),
            _ => null,
        },
        // |u|^(2k) = u^(2k), and an odd power keeps one |u| (|u|^3 = u^2*|u|), so a product of |u| factors is one
        // object however it is grouped: abs(x)*abs(x)*abs(x) and abs(x)*(abs(x)*abs(x)) are both x^2*abs(x)
        SimplifyPower = (args, k) => k is Number { IsInteger: true } n && !n.Exact.Numerator.IsZero
            ? n.Exact.Numerator.IsEven ? Pow(args[0], k)
                : n.Exact.Equals(Rational.One) || n.Exact.Equals(Rational.MinusOne) ? null
                : n.Exact.Sign > 0 ? Mul(Pow(args[0], Number(n.Exact - Rational.One)), Call(Abs!, args[0]))
                : Mul(Pow(args[0], Number(n.Exact + Rational.One)), Pow(Call(Abs!, args[0]), MinusOne))
            : null,
        Series = c => c.Piecewise(jumps: false, positive => positive ? c.Argument : c.Ring.Scale(MinusOne, c.Argument)),
        UnaryKinkAt = 0,
        LatexName = @"\operatorname{abs}",
        LatexFormatter = _ => AbsoluteValue,
        Signature = "abs(x)", Help = "absolute value |x|", Group = Piecewise,
    };

    /// <summary>sign(x): -1, 0 or 1.</summary>
    public static readonly FunctionDef Sign = new("sign", 1, 1, "sign", unary: NumericFunctions.Sign)
    {
        // sign'(u) = 0 away from the jump
        Derivative = _ => Zero,
        Simplify1 = u => u switch
        {
            Number { IsExact: true } n => Number(n.Exact.Sign),
            Constant => One,
            _ => Odd(Sign!, u),
        },
        Series = c => c.Piecewise(jumps: true, positive => c.Ring.Constant(positive ? One : MinusOne)),
        UnaryKinkAt = 0,
        LatexName = @"\operatorname{sign}",
        Signature = "sign(x)", Help = "sign of x: -1, 0 or 1", Group = Piecewise,
    };

    // ---- the table

    // Every public FunctionDef field above is an entry: declaring the field is all it takes to add one.
    private static readonly ImmutableDictionary<string, FunctionDef> Table =
        typeof(Functions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FunctionDef))
            .Select(f => (FunctionDef)f.GetValue(null)!)
            .ToImmutableDictionary(f => f.Name);

    /// <summary>Every built-in function, by name, including the builders <c>sqrt</c> and <c>ln</c>.</summary>
    public static IEnumerable<FunctionDef> All => Table.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>True for every name a call can use without defining it.</summary>
    public static bool IsBuiltIn(string name) => Table.ContainsKey(Guard.NotNull(name));

    /// <summary>The entry of the built-in function <paramref name="name"/>, or null.</summary>
    public static FunctionDef? Lookup(string name) => Table.GetValueOrDefault(Guard.NotNull(name));

    /// <summary>Applies a built-in function by name, checking its arity; the entry's simplification builds the canonical form.</summary>
    /// <exception cref="SymbolicException">Wrong number of arguments or unknown name.</exception>
    public static Expr Apply(string name, IReadOnlyList<Expr> args)
    {
        Guard.NoNulls(args);
        var f = Lookup(name) ?? throw new SymbolicException($"unknown function '{name}'");
        f.CheckArity(args.Count);
        return Call(f, args.ToImmutableArray());
    }

    private static readonly ConcurrentDictionary<(string, int), FunctionDef> UndefinedFunctions = new();

    /// <summary>The undefined function <paramref name="name"/> of <paramref name="arity"/> arguments, such as g in g(x).</summary>
    public static FunctionDef Undefined(string name, int arity) =>
        UndefinedFunctions.GetOrAdd((Guard.SymbolArgument(name).Name, arity >= 0 ? arity : throw new ArgumentOutOfRangeException(nameof(arity), arity, "an arity is not negative")), static k => new FunctionDef(k.Item1, k.Item2, k.Item2, "undefined function", isUndefined: true));

    internal static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    // ---- helpers for the simplification hooks

    private static bool IsZero(Expr u) => u is Number { IsZero: true, IsExact: true };

    private static Expr? LogOf(Expr u) => u switch
    {
        Number { IsOne: true } => Zero,
        // like 1/0, the logarithm of an exact zero is an error rather than a hidden infinity
        Number { IsZero: true, IsExact: true } => throw new SymbolicException("log(0) is undefined"),
        Constant { Name: "e" } => One,
        Call exp when exp.Function == Exp => exp.Argument, // log(e^u) = u for real u
        // log(1 + e^u) = softplus(u)
        Add { Terms: [Number { IsOne: true }, Call exp] } when exp.Function == Exp => Call(Softplus, exp.Argument),
        Add { Terms: [Call exp, Number { IsOne: true }] } when exp.Function == Exp => Call(Softplus, exp.Argument),
        _ => null,
    };

    // tan at an odd multiple of pi/2 is a pole: an error, as 1/0 and log(0) are (eval gives IEEE's huge value).
    private static Expr? TanAt(Expr u, Rational k) =>
        SpecialValues.CosOfPiTimes(k) is Number { IsZero: true }
            ? throw new SymbolicException($"tan({u}) is undefined (a pole of tan)", code: ErrorCodes.Undefined)
            : SpecialValues.TanOfPiTimes(k);
    /// <summary>
    /// e^u for a sum or product u with logarithms in it: each term k log(v) (k an exact number) becomes
    /// the factor v^k, the rest stays in the exponential; null when no term is a logarithm. Over the reals
    /// log v requires v &gt; 0, and there e^(k log v) = v^k.
    /// </summary>
    private static Expr? ExpOfLogarithms(Expr u)
    {
        static Expr? Power(Expr term) => term switch
        {
            Call log when log.Function == Log => log.Argument,
            Mul { Factors: [Number { IsExact: true } k, Call log] } when log.Function == Log => Pow(log.Argument, k),
            _ => null,
        };
        if (u is not Add sum) return Power(u);
        var factors = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var t in sum.Terms)
        {
            if (Power(t) is { } p) factors.Add(p);
            else rest.Add(t);
        }
        if (factors.Count == 0) return null;
        factors.Add(Call(Exp, Add(rest)));
        return Mul(factors);
    }

    /// <summary>
    /// log(x, b) as an exact rational when x and b are positive rationals and x = b^k for a rational k
    /// (log(8, 2) = 3, log(100, 10) = 2, log(2, 8) = 1/3, log(1/4, 2) = -2); else null. Both are written
    /// as powers of one base that is no perfect power: x = r^n and b = r^m (or (1/r)^m) give k = ±n/m.
    /// </summary>
    private static Expr? RationalLogarithm(Expr x, Expr b)
    {
        if (x is not Number { IsExact: true } nx || b is not Number { IsExact: true } nb) return null;
        if (nx.Exact.Sign <= 0 || nb.Exact.Sign <= 0 || nb.Exact.IsOne) return null;
        if (nx.Exact.IsOne) return Zero;
        var (rx, n) = PerfectPower(nx.Exact);
        var (rb, m) = PerfectPower(nb.Exact);
        if (rx.Equals(rb)) return Number(Rational.Create(n, m));
        if (rx.Equals(rb.Reciprocal())) return Number(Rational.Create(-n, m));
        return null;
    }

    // Beyond this many bits a rational is not searched for perfect powers (the roots are found through doubles).
    private const int PerfectPowerBits = 256;

    /// <summary>r and the largest m with value = r^m (value positive, not 1): 8 = 2^3, 1/9 = (1/3)^2, 12 = 12^1.</summary>
    private static (Rational Root, int Exponent) PerfectPower(Rational value)
    {
        long bits = Math.Max(value.Numerator.GetBitLength(), value.Denominator.GetBitLength());
        if (bits > PerfectPowerBits) return (value, 1);
        int exponent = 1;
        bool found = true;
        while (found)
        {
            found = false;
            long size = Math.Max(value.Numerator.GetBitLength(), value.Denominator.GetBitLength());
            for (int p = 2; p <= size; p++)
            {
                if (!IsPrime(p) || value.Root(p) is not { } root) continue;
                (value, exponent, found) = (root, exponent * p, true);
                break;
            }
        }
        return (value, exponent);
    }

    private static bool IsPrime(int p)
    {
        for (int d = 2; d * d <= p; d++)
            if (p % d == 0) return false;
        return true;
    }

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

    // ---- helpers for the series rules

    // sin and cos (or sinh and cosh) come out of one recurrence; the partner is remembered, as the two often occur together.
    private static Expr[] SinCos(SeriesCall c, bool hyperbolic, bool sine)
    {
        var (sin, cos) = c.Ring.SinCos(c.Argument, hyperbolic);
        var partner = sine ? (hyperbolic ? Cosh : Cos) : (hyperbolic ? Sinh : Sin);
        c.Remember(Call(partner, c.Node.Argument), sine ? cos : sin);
        return sine ? sin : cos;
    }

    // asin' = (1 - s^2)^(-1/2), acos' = -(1 - s^2)^(-1/2)
    private static Expr[] InverseSine(SeriesCall c, bool negate)
    {
        var ring = c.Ring;
        var d = ring.Sum([ring.Constant(One), ring.Scale(MinusOne, ring.Mul(c.Argument, c.Argument))]);
        if (ISeriesArithmetic.IsZero(d[0])) throw c.NotAnalytic();
        var g = ring.Power(d, Number(Rational.Create(-1, 2)));
        if (negate) g = ring.Scale(MinusOne, g);
        return ring.Integral(c.Argument, g, Call(c.Node.Function, c.Argument0));
    }
}
