using System.Runtime.CompilerServices;
using Symbolic.Functions;

namespace Symbolic.Algebra;

/// <summary>
/// <c>simplify</c>. The expression is brought over a common denominator as a quotient of
/// polynomials in its "kernels" (symbols, function calls, irrational powers); common polynomial
/// factors of numerator and denominator are cancelled with a multivariate gcd; sin² + cos² = 1 and
/// cosh² - sinh² = 1 are applied by reducing modulo those relations; function arguments are
/// simplified recursively. Of the candidate forms (as given, expanded, the reduced quotient with its
/// numerator expanded or collected by kernels) the smallest is returned: as a tree when the forms are
/// small enough to read, else in distinct nodes (<see cref="Expr.DistinctNodeCount"/>). Identities such as exp(log x) = x and
/// exp(a) exp(b) = exp(a + b) already hold by construction.
/// <para>
/// The work is linear in the distinct nodes of a shared (hash-consed) input: each distinct node is
/// simplified at most once per call, and a large subexpression that the input uses in several
/// places (the gradient of a layered network reuses each layer's derivative in the next two units)
/// is simplified once on its own and then enters its users as an opaque kernel, instead of being
/// multiplied out into a polynomial as large as its tree, which is exponential in the depth.
/// </para>
/// </summary>
public static class Simplifier
{
    // A subexpression used by two or more parents whose tree is at least this large is an opaque
    // kernel for the polynomial arithmetic of its users: expanding it would repeat it once per path.
    private const long SharedKernelTreeSize = 100;

    // Candidates at most this large as trees are compared as trees, as they print: the reader sees
    // the tree, and sharing makes no text shorter (by distinct nodes, the tenth derivative of
    // sin(x)*exp(-x^2)/(1+x^2) simplified to 998 characters instead of 496). Larger ones are compared
    // by distinct nodes: their trees can be exponentially large, and printing one to break a tie
    // could take as long.
    private const long TreeMeasureLimit = 10_000;

    /// <summary>The simplest equivalent form of <paramref name="e"/> this simplifier finds.</summary>
    /// <example><code>Simplifier.Simplify(Expr.Parse("(x^2 - 1)/(x - 1)")) // x + 1</code></example>
    public static Expr Simplify(Expr e) => Identities.Apply(Guard.NotNull(e), SimplifyRationally);

    // simplify without the identities of machine-learning functions (see Identities)
    private static Expr SimplifyRationally(Expr e)
    {
        var shared = e.Size >= SharedKernelTreeSize ? SharedLargeNodes(e) : null;
        return Rewrite.Memoized(e, (node, walk) =>
            node is Number or Symbol or Constant ? node
            : node is Call or Derivative ? node.MapChildren(walk)
            : SimplifyRational(node, walk, shared));
    }

    /// <summary>
    /// The nodes of <paramref name="e"/> with two or more parents and a tree of at least
    /// <see cref="SharedKernelTreeSize"/> nodes; found in one pass over the distinct nodes.
    /// </summary>
    private static HashSet<Expr> SharedLargeNodes(Expr e)
    {
        var parents = new Dictionary<Expr, int> { [e] = 0 };
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            foreach (var child in stack.Pop().Children)
            {
                if (child.Size < SharedKernelTreeSize) continue;
                if (parents.TryGetValue(child, out int n)) { parents[child] = n + 1; continue; }
                parents[child] = 1;
                stack.Push(child);
            }
        }
        return parents.Where(p => p.Value >= 2).Select(p => p.Key).ToHashSet();
    }

    private static Expr SimplifyRational(Expr e, Func<Expr, Expr> simplifyKernel, HashSet<Expr>? shared)
    {
        var form = new RationalForm(simplifyKernel, shared is null ? null : node => !ReferenceEquals(node, e) && shared.Contains(node));
        var fraction = form.Convert(e);
        // Small inputs are measured exactly; in large ones kernels count as one node each, since
        // candidates of one conversion share them and looking inside each time would make simplifying
        // a chain of shared kernels quadratic.
        var leaves = shared is null ? null : form.Kernels;
        // Too large to multiply out: simplify the parts and keep the shape.
        if (fraction is null) return Smaller(e, e.MapChildren(simplifyKernel), leaves);
        form.ReduceTrigonometry(ref fraction);
        form.Cancel(fraction);
        var candidates = new List<Expr> { e };
        // Expanding multiplies out the opaque kernels too, which is what they are there to prevent,
        // and it walks into every function argument, which in a large shared input would repeat the
        // walk below each kernel; there the quotient's flat form stands for the expanded one.
        if (!form.HasOpaqueKernels && (shared is null || e.Size < SharedKernelTreeSize)) candidates.Add(Expander.Expand(e));
        candidates.Add(form.ToExpr(fraction, collect: true));
        candidates.Add(form.ToExpr(fraction, collect: false));
        return Identities.PreferFactored(candidates.Aggregate((a, b) => Smaller(a, b, leaves)), form, fraction);
    }

    /// <summary>
    /// The smaller of two equal expressions; ties keep the first. Small ones (trees of at most
    /// <see cref="TreeMeasureLimit"/> nodes) by tree size, then printed length; larger ones by
    /// <see cref="Expr.DistinctNodeCount"/>.
    /// </summary>
    internal static Expr Smaller(Expr a, Expr b) => Smaller(a, b, null);

    private static Expr Smaller(Expr a, Expr b, IReadOnlySet<Expr>? kernels)
    {
        if (ReferenceEquals(a, b)) return a;
        if (a.Size <= TreeMeasureLimit && b.Size <= TreeMeasureLimit)
        {
            if (a.Size != b.Size) return a.Size < b.Size ? a : b;
            return b.ToString().Length < a.ToString().Length ? b : a;
        }
        int na = Expr.CountDistinctNodes(a, kernels), nb = Expr.CountDistinctNodes(b, kernels);
        return nb < na ? b : a;
    }
}

/// <summary>A quotient: a numerator polynomial over a product of polynomial factors with multiplicities.</summary>
internal sealed class Fraction
{
    public Polynomial Numerator = Polynomial.Zero;

    /// <summary>Denominator factors keyed by their expression; each is normalized (integer, primitive, positive lead).</summary>
    public Dictionary<Expr, (Polynomial Poly, int Multiplicity)> Denominator = new();
}

/// <summary>Conversion between expressions and <see cref="Fraction"/>s over a list of kernels.</summary>
internal sealed class RationalForm(Func<Expr, Expr> simplifyKernel, Func<Expr, bool>? isOpaque = null)
{
    private readonly List<Expr> _kernels = new();
    private readonly Dictionary<Expr, int> _index = new();

    // Each distinct node is converted once per form: the input is a graph, and its parts are shared.
    private readonly Dictionary<Expr, Fraction> _converted = new();

    /// <summary>The kernels, by polynomial variable index.</summary>
    public IReadOnlyList<Expr> KernelList => _kernels;

    /// <summary>The kernels met so far, both as they occur in the input and as simplified.</summary>
    public HashSet<Expr> Kernels { get; } = new();

    /// <summary>True when a shared subexpression was kept whole as a kernel (see <see cref="Simplifier"/>).</summary>
    public bool HasOpaqueKernels { get; private set; }

    // Conversions that would multiply out more than this many terms give up (the input stays as it is).
    private static long MaxTerms => ComputeContext.Current.Limits.MaxSimplifierTerms;

    public Fraction? Convert(Expr e)
    {
        try
        {
            return ConvertOrThrow(e);
        }
        catch (TooBigException)
        {
            return null;
        }
    }

    private sealed class TooBigException : Exception;

    // Fractions are shared between the nodes that use them, so they are never changed after this;
    // only the caller's final fraction is reduced in place.
    private Fraction ConvertOrThrow(Expr e)
    {
        if (e is Symbol or Constant) return new Fraction { Numerator = Polynomial.Variable(Kernel(e, e)) };
        if (_converted.TryGetValue(e, out var done)) return done;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = ConvertNode(e);
        if (!e.Children.IsEmpty) _converted[e] = result;
        return result;
    }

    /// <summary>Nodes converted to polynomial quotients by this thread (the work the tests count).</summary>
    [ThreadStatic] internal static long Conversions;

    private Fraction ConvertNode(Expr e)
    {
        Conversions++;
        if (isOpaque?.Invoke(e) == true)
        {
            HasOpaqueKernels = true;
            return new Fraction { Numerator = Polynomial.Variable(Kernel(e, simplifyKernel(e))) };
        }
        switch (e)
        {
            case Number { IsExact: true } n:
                return new Fraction { Numerator = Polynomial.Constant(n.Exact) };
            case Add a:
            {
                var parts = a.Terms.Select(ConvertOrThrow).ToList();
                var result = new Fraction();
                foreach (var p in parts)
                    foreach (var (key, f) in p.Denominator)
                        if (!result.Denominator.TryGetValue(key, out var old) || old.Multiplicity < f.Multiplicity)
                            result.Denominator[key] = f;
                var sum = Polynomial.Zero;
                foreach (var p in parts)
                {
                    var term = p.Numerator;
                    foreach (var (key, f) in result.Denominator)
                    {
                        int missing = f.Multiplicity - (p.Denominator.TryGetValue(key, out var have) ? have.Multiplicity : 0);
                        if (missing > 0) term *= f.Poly.Pow(missing);
                    }
                    sum += term;
                    Guard(sum);
                }
                result.Numerator = sum;
                return result;
            }
            case Mul m:
            {
                var result = new Fraction { Numerator = Polynomial.One };
                foreach (var factor in m.Factors)
                {
                    var p = ConvertOrThrow(factor);
                    result.Numerator *= p.Numerator;
                    Guard(result.Numerator);
                    foreach (var (key, f) in p.Denominator)
                        result.Denominator[key] = result.Denominator.TryGetValue(key, out var old)
                            ? (f.Poly, old.Multiplicity + f.Multiplicity)
                            : f;
                }
                return result;
            }
            case Pow { Exponent: Number { IsInteger: true } k } p when Math.Abs(k.Value) <= 1000:
            {
                int n = (int)k.Exact.Numerator;
                var b = ConvertOrThrow(p.Base);
                if (n > 0)
                {
                    var num = b.Numerator.Pow(n);
                    Guard(num);
                    return new Fraction
                    {
                        Numerator = num,
                        Denominator = b.Denominator.ToDictionary(d => d.Key, d => (d.Value.Poly, d.Value.Multiplicity * n)),
                    };
                }
                // (N / D)^-n = D^n / N^n: the base's numerator becomes a denominator factor.
                var result = new Fraction { Numerator = Polynomial.One };
                foreach (var (_, f) in b.Denominator) result.Numerator *= f.Poly.Pow(f.Multiplicity * -n);
                Guard(result.Numerator);
                if (b.Numerator.IsZero) throw new SymbolicException("division by zero");
                var content = b.Numerator.Normalized();
                var scale = b.Numerator.LeadingNumber() / content.LeadingNumber();
                result.Numerator = result.Numerator.Scale(scale.Pow(n));
                if (!content.IsConstant)
                {
                    var key = b.Denominator.Count == 0 && ReferenceEquals(ToPolynomialExpr(content), p.Base) ? p.Base : ToPolynomialExpr(content);
                    result.Denominator[key] = (content, -n);
                }
                return result;
            }
            case Pow { Exponent: Number { IsExact: true, IsNegative: true } k } p:
            {
                // u^(-r) with r not an integer: the kernel u^r goes to the denominator.
                var kernel = Expr.Pow(simplifyKernel(p.Base), Expr.Number(-k.Exact));
                var poly = Polynomial.Variable(Kernel(p, kernel));
                return new Fraction { Numerator = Polynomial.One, Denominator = { [kernel] = (poly, 1) } };
            }
            case Pow p:
                return new Fraction { Numerator = Polynomial.Variable(Kernel(p, Expr.Pow(simplifyKernel(p.Base), simplifyKernel(p.Exponent)))) };
            default:
                return new Fraction { Numerator = Polynomial.Variable(Kernel(e, e is Number ? e : simplifyKernel(e))) };
        }
    }

    private static void Guard(Polynomial p)
    {
        if (p.TermCount > MaxTerms) throw new TooBigException();
    }

    private int Kernel(Expr original, Expr k)
    {
        Kernels.Add(original);
        Kernels.Add(k);
        if (_index.TryGetValue(k, out int i)) return i;
        _kernels.Add(k);
        return _index[k] = _kernels.Count - 1;
    }

    /// <summary>Applies sin² = 1 - cos² (or the reverse, whichever leaves fewer terms) and cosh² = 1 + sinh².</summary>
    public void ReduceTrigonometry(ref Fraction f)
    {
        for (int i = 0; i < _kernels.Count; i++)
        {
            if (_kernels[i] is not Call { Function: var fi } ci) continue;
            for (int j = 0; j < _kernels.Count; j++)
            {
                if (_kernels[j] is not Call { Function: var fj } cj || !ReferenceEquals(ci.Argument, cj.Argument)) continue;
                if (fi == Functions.Functions.Sin && fj == Functions.Functions.Cos)
                {
                    // s^2 = 1 - c^2 and c^2 = 1 - s^2: keep the shorter numerator
                    var a = Reduce(f.Numerator, i, j, Rational.One, Rational.MinusOne);
                    var b = Reduce(f.Numerator, j, i, Rational.One, Rational.MinusOne);
                    f.Numerator = a.TermCount <= b.TermCount ? a : b;
                }
                else if (fi == Functions.Functions.Cosh && fj == Functions.Functions.Sinh)
                {
                    // cosh^2 = 1 + sinh^2
                    f.Numerator = Reduce(f.Numerator, i, j, Rational.One, Rational.One);
                }
            }
        }
    }

    // Replaces v^2 by (c0 + c1 w^2) throughout p, so that v appears at most linearly.
    private static Polynomial Reduce(Polynomial p, int v, int w, Rational c0, Rational c1)
    {
        if (p.Degree(v) < 2) return p;
        var relation = Polynomial.Constant(c0) + Polynomial.Term(c1, Monomial.Variable(w, 2));
        var result = Polynomial.Zero;
        foreach (var (m, c) in p.Terms)
        {
            int k = m[v];
            result += Polynomial.Term(c, m.With(v, k % 2)) * relation.Pow(k / 2);
        }
        return result;
    }

    /// <summary>Cancels the gcd of the numerator with each denominator factor.</summary>
    public void Cancel(Fraction f)
    {
        foreach (var key in f.Denominator.Keys.ToList())
        {
            var (poly, multiplicity) = f.Denominator[key];
            var leftovers = new List<Polynomial>();
            while (multiplicity > 0 && !f.Numerator.IsZero)
            {
                var g = Polynomial.Gcd(f.Numerator, poly);
                if (g.IsConstant) break;
                f.Numerator = f.Numerator.DivideExact(g)!;
                multiplicity--;
                var rest = poly.DivideExact(g)!;
                if (rest.IsConstant) f.Numerator = f.Numerator.Scale(rest.ConstantValue.Reciprocal());
                else leftovers.Add(rest);
            }
            if (f.Numerator.IsZero)
            {
                f.Denominator.Clear();
                return;
            }
            if (multiplicity > 0) f.Denominator[key] = (poly, multiplicity);
            else f.Denominator.Remove(key);
            foreach (var rest in leftovers)
            {
                var normalized = rest.Normalized();
                f.Numerator = f.Numerator.Scale((rest.LeadingNumber() / normalized.LeadingNumber()).Reciprocal());
                var restKey = ToPolynomialExpr(normalized);
                f.Denominator[restKey] = f.Denominator.TryGetValue(restKey, out var old) ? (normalized, old.Multiplicity + 1) : (normalized, 1);
            }
        }
    }

    public Expr ToExpr(Fraction f, bool collect)
    {
        var numerator = collect ? Collected(f.Numerator) : ToPolynomialExpr(f.Numerator);
        var factors = new List<Expr> { numerator };
        foreach (var (key, (_, multiplicity)) in f.Denominator) factors.Add(Expr.Pow(key, Expr.Number(-multiplicity)));
        return Expr.Mul(factors);
    }

    private Expr MonomialExpr(Monomial m) =>
        Expr.Mul(Enumerable.Range(0, m.Length).Where(i => m[i] != 0).Select(i => Expr.Pow(_kernels[i], Expr.Number(m[i]))));

    /// <summary>The polynomial as a plain sum of monomials.</summary>
    public Expr ToPolynomialExpr(Polynomial p) =>
        Expr.Add(p.Terms.Select(t => Expr.Mul(Expr.Number(t.Value), MonomialExpr(t.Key))));

    /// <summary>
    /// The polynomial with its common numeric and monomial factor taken out and its terms grouped by
    /// their non-symbol kernels: exp(-x^2)*((x^3 - 2x)*sin(x) + 4*cos(x)) rather than a flat sum.
    /// </summary>
    private Expr Collected(Polynomial p)
    {
        if (p.IsZero) return Expr.Zero;
        var content = p.NumericContent();
        if (p.LeadingNumber().Sign < 0) content = -content;
        var mono = p.MonomialContent();
        var groups = new Dictionary<Monomial, List<Expr>>();
        var order = new List<Monomial>();
        foreach (var (m, c) in p.Terms)
        {
            var reduced = Algebra.Monomial.Divide(m, mono)!.Value;
            var symbolic = new int[reduced.Length];
            var rest = new int[reduced.Length];
            for (int i = 0; i < reduced.Length; i++)
                (_kernels[i] is Symbol ? symbolic : rest)[i] = reduced[i];
            var key = new Monomial(rest);
            if (!groups.TryGetValue(key, out var list)) { groups[key] = list = new(); order.Add(key); }
            list.Add(Expr.Mul(Expr.Number(c / content), MonomialExpr(new Monomial(symbolic))));
        }
        var sum = Expr.Add(order.Select(k => Expr.Mul(Expr.Add(groups[k]), MonomialExpr(k))));
        return Expr.Mul(Expr.Number(content), MonomialExpr(mono), sum);
    }
}
