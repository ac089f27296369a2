using System.Numerics;
using Symbolic.Functions;

namespace Symbolic.Algebra;

/// <summary>
/// The identities of machine-learning functions that <c>simplify</c> applies around its rational
/// arithmetic (<see cref="Simplifier"/>). The identities that need only one call are the entries'
/// automatic simplification (log(1 + e^u) = softplus(u), e^(2 log x) = x^2, |x^2| = x^2, log(8, 2) = 3);
/// the ones here relate several calls, so they need the whole expression:
/// <list type="bullet">
/// <item>reflections, read from the entries (<see cref="FunctionDef.Reflection"/>): f(-u) is written with
/// f(u) before the arithmetic, so sigmoid(x) + sigmoid(-x) is 1, softplus(x) - softplus(-x) and
/// relu(x) - relu(-x) are x; afterwards f(u) is written with f(-u) where that is smaller, so
/// 1 - sigmoid(x) is sigmoid(-x) (but sigmoid(x)*(1 - sigmoid(x)) keeps its textbook form);</item>
/// <item>quotients (<see cref="FunctionDef.Quotient"/>): tanh(u) is sinh(u)/cosh(u) while sinh(u) or cosh(u)
/// occurs beside it, and sinh(u)/cosh(u) is tanh(u) again afterwards, so tanh(x) - sinh(x)/cosh(x) is 0;</item>
/// <item>the logistic function's definition: 1/(1 + e^-u) is sigmoid(u);</item>
/// <item>polynomials in sigmoid(u) or in a variable are offered factored by their rational roots, as the second
/// derivative sigmoid(x)*(1 - sigmoid(x))*(1 - 2*sigmoid(x)) is written rather than the cubic.</item>
/// </list>
/// Each pass visits the distinct nodes once; nothing here runs unless the expression has such calls.
/// </summary>
internal static class Identities
{
    // The reflected forms are tried by simplifying the expression again once per reflected kernel; only for
    // expressions up to this size (as trees) and this many kernels, where a person reads the result.
    private const long ReflectionTreeLimit = 5_000;
    private const int MaxReflectedKernels = 4;

    /// <summary>
    /// <c>simplify</c> of <paramref name="e"/> with these identities around <paramref name="simplify"/> (the
    /// rational simplification): the input normalized, simplified, then the reflected and quotient forms
    /// tried back, the smallest kept.
    /// </summary>
    public static Expr Apply(Expr e, Func<Expr, Expr> simplify)
    {
        var quotients = new HashSet<Expr>(); // the calls tan(u), tanh(u) rewritten as quotients
        var normalized = Normalize(e, quotients);
        var result = simplify(normalized);
        if (quotients.Count > 0) result = Simplifier.Smaller(result, JoinQuotients(result, quotients));
        result = ReflectBack(result, simplify);
        // The rewritten input can simplify to more than the input was (tanh(x)/sinh(x)^2 is 1/(sinh(x)*cosh(x)));
        // then the input is simplified as it was written, and the smaller result kept.
        if (!ReferenceEquals(normalized, e) && !ReferenceEquals(Simplifier.Smaller(result, e), result))
            result = Simplifier.Smaller(simplify(e), result);
        return result;
    }

    // ---------------------------------------------------------------- before

    /// <summary>
    /// f(-u) as the entry's reflection in f(u); 1/(1 + e^v) as sigmoid(-v); a quotient function by its
    /// quotient where its partners of the same argument occur. Unchanged input gives the same object.
    /// </summary>
    private static Expr Normalize(Expr e, HashSet<Expr> quotients)
    {
        var partners = QuotientPartners(e);
        return Rewrite.BottomUp(e, (node, walk) =>
        {
            if (node is Mul product && LogisticQuotient(product, walk) is { } logistic) return logistic;
            var rebuilt = node.Children.IsEmpty ? node : node.MapChildren(walk);
            switch (rebuilt)
            {
                case Call { Arguments.Length: 1, Function.Quotient: { } quotient } call
                    when partners.Contains((quotient.Numerator, call.Argument)) || partners.Contains((quotient.Denominator, call.Argument)):
                    quotients.Add(call);
                    return Expr.Div(Expr.Call(quotient.Numerator, call.Argument), Expr.Call(quotient.Denominator, call.Argument));
                // 1/(1 + e^v)^k = sigmoid(-v)^k
                case Pow { Base: Add sum, Exponent: Number { IsInteger: true, IsNegative: true } k } when LogisticArgument(sum) is { } v:
                    return Expr.Pow(Reflected(Expr.Call(Functions.Functions.Sigmoid, Expr.Neg(v))), Expr.Number(-k.Exact));
                default:
                    return Reflected(rebuilt);
            }
        });
    }

    /// <summary>f(-u) as the entry's reflection in f(u) (sigmoid(-u) = 1 - sigmoid(u)); anything else as it is.</summary>
    private static Expr Reflected(Expr e) =>
        e is Call { Function.Reflection: { } reflect, Arguments.Length: 1 } call && Functions.Functions.TryNegate(call.Argument) is { } positive
            ? reflect(positive)
            : e;

    /// <summary>e^v/(1 + e^v) in a product as sigmoid(v), the other factors rewritten by <paramref name="walk"/>; else null.</summary>
    private static Expr? LogisticQuotient(Mul product, Func<Expr, Expr> walk)
    {
        var factors = product.Factors;
        int exp = factors.IndexOf(factors.FirstOrDefault(f => f is Call c && c.Function == Functions.Functions.Exp)!);
        if (exp < 0) return null;
        var v = ((Call)factors[exp]).Argument;
        int denominator = factors.IndexOf(factors.FirstOrDefault(f =>
            f is Pow { Base: Add sum, Exponent: Number { IsMinusOne: true } } && ReferenceEquals(LogisticArgument(sum), v))!);
        if (denominator < 0) return null;
        var rest = factors.Where((_, i) => i != exp && i != denominator).Select(walk);
        return Expr.Mul([.. rest, Reflected(Expr.Call(Functions.Functions.Sigmoid, v))]);
    }

    /// <summary>v when the sum is 1 + e^v.</summary>
    private static Expr? LogisticArgument(Add sum) => sum.Terms switch
    {
        [Number { IsOne: true }, Call exp] when exp.Function == Functions.Functions.Exp => exp.Argument,
        [Call exp, Number { IsOne: true }] when exp.Function == Functions.Functions.Exp => exp.Argument,
        _ => null,
    };

    /// <summary>The (function, argument) pairs of the calls in <paramref name="e"/> that are some entry's quotient partners.</summary>
    private static HashSet<(FunctionDef, Expr)> QuotientPartners(Expr e)
    {
        var partnerFunctions = Functions.Functions.All
            .Where(f => f.Quotient is not null)
            .SelectMany(f => new[] { f.Quotient!.Value.Numerator, f.Quotient!.Value.Denominator })
            .ToHashSet();
        var found = new HashSet<(FunctionDef, Expr)>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([e]);
        while (stack.TryPop(out var node))
        {
            if (node.Children.IsEmpty || !seen.Add(node)) continue;
            if (node is Call { Arguments.Length: 1 } call && partnerFunctions.Contains(call.Function)) found.Add((call.Function, call.Argument));
            foreach (var child in node.Children) stack.Push(child);
        }
        return found;
    }

    // ---------------------------------------------------------------- after

    /// <summary>n(u)^a d(u)^-b in a product becomes f(u)^min(a, b) with the rest of the powers, for the quotient calls f(u) that were rewritten.</summary>
    private static Expr JoinQuotients(Expr e, HashSet<Expr> quotients)
    {
        var byParts = new Dictionary<(FunctionDef, Expr), Call>();
        foreach (var q in quotients.Cast<Call>())
        {
            var (n, d) = q.Function.Quotient!.Value;
            byParts[(n, q.Argument)] = q;
        }
        return Rewrite.BottomUp(e, (node, walk) =>
        {
            var rebuilt = node.Children.IsEmpty ? node : node.MapChildren(walk);
            if (rebuilt is not Mul m) return rebuilt;
            var factors = m.Factors.ToList();
            bool changed = false;
            foreach (var ((n, u), q) in byParts)
            {
                var d = q.Function.Quotient!.Value.Denominator;
                int i = factors.FindIndex(f => IsPowerOf(f, n, u, out var a) && a > 0);
                int j = factors.FindIndex(f => IsPowerOf(f, d, u, out var b) && b < 0);
                if (i < 0 || j < 0) continue;
                IsPowerOf(factors[i], n, u, out var pa);
                IsPowerOf(factors[j], d, u, out var pb);
                var k = BigInteger.Min(pa, -pb);
                factors[i] = Expr.Pow(Expr.Call(n, u), Expr.Number(pa - k));
                factors[j] = Expr.Pow(Expr.Call(d, u), Expr.Number(pb + k));
                factors.Add(Expr.Pow(q, Expr.Number(k)));
                changed = true;
            }
            return changed ? Expr.Mul(factors) : rebuilt;
        });
    }

    private static bool IsPowerOf(Expr factor, FunctionDef f, Expr argument, out BigInteger exponent)
    {
        exponent = BigInteger.Zero;
        var (b, k) = factor is Pow { Exponent: Number { IsInteger: true } n } p ? (p.Base, n.Exact.Numerator) : (factor, BigInteger.One);
        if (b is not Call { Arguments.Length: 1 } call || call.Function != f || !ReferenceEquals(call.Argument, argument)) return false;
        exponent = k;
        return true;
    }

    /// <summary>
    /// For each call f(u) with a reflection, the expression with f(u) written as the reflection of f(-u)
    /// (sigmoid(u) = 1 - sigmoid(-u)), simplified again; kept when smaller. Ties keep f(u).
    /// </summary>
    private static Expr ReflectBack(Expr e, Func<Expr, Expr> simplify)
    {
        if (e.Size > ReflectionTreeLimit) return e;
        var calls = new List<Call>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([e]);
        while (stack.TryPop(out var node))
        {
            if (node.Children.IsEmpty || !seen.Add(node)) continue;
            if (node is Call { Function.Reflection: not null, Arguments.Length: 1 } call && Functions.Functions.TryNegate(call.Argument) is null)
                calls.Add(call);
            foreach (var child in node.Children) stack.Push(child);
        }
        if (calls.Count == 0 || calls.Count > MaxReflectedKernels) return e;
        var best = e;
        foreach (var call in calls)
        {
            var reflected = call.Function.Reflection!(Expr.Neg(call.Argument)); // f(u) = reflection at -u
            var candidate = Rewrite.BottomUp(best, (node, walk) => ReferenceEquals(node, call) ? reflected
                : node.Children.IsEmpty ? node : node.MapChildren(walk));
            if (ReferenceEquals(candidate, best)) continue;
            best = Simplifier.Smaller(best, simplify(candidate));
        }
        return best;
    }

    // ---------------------------------------------------------------- factoring

    /// <summary>
    /// <paramref name="best"/>, or the fraction factored in its sigmoid and variable kernels when that is no
    /// larger, its sigmoid factors measured as if their sign were free: 1 - s is how a person writes the
    /// complement of a probability, though -(s - 1) has one node fewer.
    /// </summary>
    public static Expr PreferFactored(Expr best, RationalForm form, Fraction f)
    {
        if (best.Size > ReflectionTreeLimit || FactoredByRationalRoots(form, f) is not var (factored, flipped)) return best;
        return factored.Size - 2 * flipped <= best.Size ? factored : best;
    }

    /// <summary>
    /// The fraction with its numerator factored by the rational roots of its polynomial in each sigmoid or
    /// variable kernel (<see cref="Factorable"/>): 2s^3 - 3s^2 + s is s (1 - s) (1 - 2s). A linear factor in a
    /// sigmoid is written with a positive constant term, as a person writes 1 - s for a probability's
    /// complement (Flipped counts those). Null when there is nothing to factor.
    /// </summary>
    private static (Expr Factored, int Flipped)? FactoredByRationalRoots(RationalForm form, Fraction f)
    {
        var kernels = form.KernelList;
        var numerator = f.Numerator;
        if (numerator.IsZero || numerator.TermCount < 2 || numerator.TermCount > MaxFactoredTerms) return null;
        if (!kernels.Any(Factorable)) return null;
        var content = numerator.NumericContent();
        if (numerator.LeadingNumber().Sign < 0) content = -content;
        var monomial = numerator.MonomialContent();
        var rest = numerator.DivideExact(Polynomial.Term(content, monomial));
        if (rest is null) return null;
        var linear = new List<(int Variable, Rational Root, int Multiplicity)>();
        for (int v = 0; v < kernels.Count; v++)
        {
            // degree 2 at least: a factor linear in s is a common factor, which the collected forms take out
            if (!Factorable(kernels[v]) || numerator.Degree(v) < 2 || rest.Degree(v) < 1) continue;
            foreach (var root in Roots(rest, v))
            {
                // s - r, scaled to integers: q s - p
                var factor = Polynomial.Term(root.Denominator, Monomial.Variable(v)) - Polynomial.Constant(root.Numerator);
                int multiplicity = 0;
                while (rest.Degree(v) >= 1 && rest.DivideExact(factor) is { } quotient)
                {
                    rest = quotient;
                    multiplicity++;
                }
                if (multiplicity > 0) linear.Add((v, root, multiplicity));
            }
        }
        if (linear.Count == 0) return null;
        var factors = new List<Expr>();
        int flipped = 0;
        foreach (var (v, root, multiplicity) in linear)
        {
            // q s - p = -(p - q s): for a sigmoid, the constant term positive, unless the root is 0 or negative;
            // in a variable, as the canonical form has it (the printers move a sign into it where that reads better)
            var s = kernels[v];
            var q = Expr.Number(root.Denominator);
            var p = Expr.Number(root.Numerator);
            bool flip = root.Sign > 0 && s is Call;
            Expr written = flip ? Expr.Sub(p, Expr.Mul(q, s)) : Expr.Sub(Expr.Mul(q, s), p);
            if (flip)
            {
                flipped++;
                if (multiplicity % 2 == 1) content = -content;
            }
            factors.Add(Expr.Pow(written, Expr.Number(multiplicity)));
        }
        if (rest.IsConstant)
        {
            content *= rest.ConstantValue;
            rest = Polynomial.One;
        }
        factors.Add(Expr.Number(content));
        factors.Add(form.ToPolynomialExpr(Polynomial.Term(Rational.One, monomial)));
        factors.Add(form.ToPolynomialExpr(rest));
        foreach (var (key, (_, multiplicity)) in f.Denominator) factors.Add(Expr.Pow(key, Expr.Number(-multiplicity)));
        return (Expr.Mul(factors), flipped);
    }

    // The kernels whose polynomials are factored by their rational roots: sigmoids (2s^3 - 3s^2 + s is
    // s (1 - s) (1 - 2s)) and variables (the derivative of p^7 (1 - p)^3 is p^6 (1 - p)^2 (7 - 10 p)).
    private static bool Factorable(Expr kernel) =>
        kernel is Symbol || kernel is Call { Function: var g } && g == Functions.Functions.Sigmoid;

    // Numerators of more terms than this are not factored (each is a polynomial division per root).
    private const int MaxFactoredTerms = 200;

    // Rational root candidates come from integers up to this size (numerator and denominator of each root).
    private static readonly BigInteger MaxRootSearch = 1_000;

    /// <summary>
    /// The rational roots r of one column of the polynomial in variable <paramref name="v"/> (the terms of one
    /// monomial in the other variables, which every root of the whole must also annul), by the rational root
    /// theorem. Candidates for the whole: the caller checks each by exact division.
    /// </summary>
    private static IEnumerable<Rational> Roots(Polynomial p, int v)
    {
        var lead = p.LeadingCoefficient(v);
        var column = lead.Terms.First().Key; // a monomial in the other variables
        var coefficients = new SortedDictionary<int, Rational>();
        foreach (var (m, c) in p.Terms)
            if (m.With(v, 0).Equals(column)) coefficients[m[v]] = c;
        // clear denominators: integer coefficients a_low .. a_high
        var lcm = BigInteger.One;
        foreach (var c in coefficients.Values) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        var low = BigInteger.Abs((coefficients.First().Value * lcm).Numerator);
        var high = BigInteger.Abs((coefficients.Last().Value * lcm).Numerator);
        if (low > MaxRootSearch || high > MaxRootSearch) yield break;
        var numerators = Divisors((int)low);
        var denominators = Divisors((int)high);
        var tried = new HashSet<Rational>();
        foreach (var a in numerators)
            foreach (var b in denominators)
                foreach (var sign in new[] { 1, -1 })
                {
                    var r = Rational.Create(sign * a, b);
                    if (tried.Add(r) && IsRoot(coefficients, r)) yield return r;
                }
    }

    // Horner's rule over the column's coefficients, by degree
    private static bool IsRoot(SortedDictionary<int, Rational> coefficients, Rational r)
    {
        var value = Rational.Zero;
        int degree = coefficients.Keys.Last();
        for (int k = degree; k >= 0; k--) value = value * r + coefficients.GetValueOrDefault(k, Rational.Zero);
        return value.IsZero;
    }

    private static List<int> Divisors(int n)
    {
        var result = new List<int>();
        for (int d = 1; d <= n; d++)
            if (n % d == 0) result.Add(d);
        return result;
    }
}
