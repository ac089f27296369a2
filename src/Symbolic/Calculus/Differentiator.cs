using System.Diagnostics;
using System.Runtime.CompilerServices;
using Symbolic.Functions;
using static Symbolic.Expr;

namespace Symbolic.Calculus;

/// <summary>
/// Exact symbolic differentiation. Results are built through the canonicalizing factories, so like
/// terms are collected as the derivative is built and repeated derivatives do not swell. Subtrees
/// that do not contain the variable are skipped using each node's cached free-symbol set, and shared
/// subtrees are differentiated once (memoized per call).
/// </summary>
public static class Differentiator
{
    /// <summary>d e / d x.</summary>
    public static Expr Diff(Expr e, Symbol x) => new Walker(Guard.NotNull(x), Guard.NotNull(e)).D(e);

    /// <summary>Nodes this thread has differentiated (memo misses), for tests that check which terms a pass visits.</summary>
    [ThreadStatic] internal static long VisitedNodes;

    /// <summary>The n-th derivative d^n e / d x^n.</summary>
    public static Expr Diff(Expr e, Symbol x, int n)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ComputeContext.CheckLimit("derivative order", n, ComputeContext.Current.Limits.MaxDerivativeOrder);
        for (int i = 0; i < n; i++)
        {
            if (e is global::Symbolic.Number) return Zero;
            e = Diff(e, x);
        }
        return e;
    }

    private sealed class Walker(Symbol x, Expr root)
    {
        // Sized for a few nodes per term of a sum, so that a long sum's walk does not grow it step by step.
        private readonly Dictionary<Expr, Expr> _memo = new(root is Add a ? 4 * a.Terms.Length : 0);

        // Cancellation and the deadline are checked every few hundred distinct nodes: a huge sum stops promptly.
        private readonly ComputeContext _context = ComputeContext.Current;

        public Expr D(Expr e)
        {
            if (ReferenceEquals(e, x)) return One;
            if (!e.Contains(x)) return Zero;
            if (_memo.TryGetValue(e, out var done)) return done;
            VisitedNodes++;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var result = e switch
            {
                // (u + v)' = u' + v'
                Add a => Sum(a),
                Mul m => Product(m),
                Pow p => Power(p),
                Call c => Chain(c),
                // d/dx of an unevaluated derivative adds x to its variables
                Derivative d => Derivative(d.Expression, [.. d.Variables, x]),
                _ => throw new UnreachableException(e.GetType().Name),
            };
            _memo[e] = result;
            if ((_memo.Count & 255) == 0) _context.ThrowIfStopped();
            return result;
        }

        // the derivatives of the terms that contain x, summed by one canonical build
        private Expr Sum(Add a)
        {
            var terms = a.Terms;
            int count = 0;
            foreach (var t in terms) if (t.Contains(x)) count++;
            var derivatives = new Expr[count];
            int k = 0;
            foreach (var t in terms) if (t.Contains(x)) derivatives[k++] = D(t);
            return Add(derivatives);
        }

        // (c u v w)' = c (u' v w + u v' w + u v w'), over the factors that contain x only
        private Expr Product(Mul m)
        {
            var factors = m.Factors;
            int varyingCount = 0, lastVarying = -1;
            for (int i = 0; i < factors.Length; i++)
                if (factors[i].Contains(x)) (varyingCount, lastVarying) = (varyingCount + 1, i);
            if (varyingCount == 1)
            {
                // one factor varies: the product with that factor replaced by its derivative, built once
                // (the constant part is not built as a product of its own first)
                var replaced = new Expr[factors.Length];
                for (int i = 0; i < factors.Length; i++) replaced[i] = i == lastVarying ? D(factors[i]) : factors[i];
                return Mul(replaced);
            }
            var constant = new List<Expr>();
            var varying = new List<Expr>();
            foreach (var f in factors) (f.Contains(x) ? varying : constant).Add(f);
            var c = Mul(constant);
            var terms = new Expr[varying.Count];
            for (int i = 0; i < varying.Count; i++)
            {
                var others = new Expr[varying.Count];
                for (int j = 0; j < varying.Count; j++) others[j] = i == j ? D(varying[i]) : varying[j];
                terms[i] = Mul(others);
            }
            return Mul(c, Add(terms));
        }

        private Expr Power(Pow p)
        {
            var (u, v) = (p.Base, p.Exponent);
            // (u^n)' = n u^(n-1) u'
            if (!v.Contains(x))
            {
                // v - 1 of a number is a number (what Sub gives), and u' = 1 needs no third factor
                var lowered = Pow(FlatKinkGuard(u, v), v is global::Symbolic.Number n ? Arithmetic.Add(n, MinusOne) : Sub(v, One));
                var du = D(u);
                return du is global::Symbolic.Number { IsOne: true } ? Mul(v, lowered) : Mul(v, lowered, du);
            }
            // 0^v is 0 wherever it is defined (v > 0), so its derivative is 0
            if (u is global::Symbolic.Number { IsZero: true }) return Zero;
            // (a^v)' = a^v ln(a) v'
            if (!u.Contains(x)) return Mul(p, Call(Functions.Functions.Log, u), D(v));
            // (u^v)' = u^v (v' ln u + v u'/u)
            return Mul(p, Add(Mul(D(v), Call(Functions.Functions.Log, u)), Mul(v, D(u), Pow(u, MinusOne))));
        }

        /// <summary>
        /// relu(w)^α with 0 &lt; α &lt; 1 is flat (0) where w &lt;= 0, and its derivative α relu(w)^(α-1) step(w) w'
        /// is 0 there too, with step(0) = 0 as at any kink; but relu(0)^(α-1) is infinite and 0*∞ is NaN.
        /// The base of that power becomes relu(w) + 1 - step(w), which is relu(w) wherever step(w) = 1 and 1
        /// wherever the step factor is 0, so the product is the same function and evaluates to 0 at the kink.
        /// </summary>
        private static Expr FlatKinkGuard(Expr u, Expr alpha)
        {
            if (u is not Call relu || !ReferenceEquals(relu.Function, Functions.Functions.Relu)
                || alpha is not Number { IsExact: true } a || a.Exact.Sign <= 0 || a.Exact.CompareTo(Rational.One) >= 0)
                return u;
            return Add(relu, One, Neg(Call(Functions.Functions.Step, relu.Argument)));
        }

        // d f(u_1, ..., u_n) = Σ_i ∂_i f(u) du_i over the arguments that contain x: the chain rule,
        // written once for every function in the table, with the partials read from its entry
        private Expr Chain(Call c)
        {
            if (c.Function.IsUndefined) return Derivative(c, [x]);
            var args = c.Arguments;
            var terms = new List<Expr>(args.Length);
            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].Contains(x)) continue;
                var inner = D(args[i]);
                if (inner is global::Symbolic.Number { IsZero: true }) continue;
                terms.Add(Mul(c.Function.Partial(args, i), inner));
            }
            return terms.Count == 1 ? terms[0] : Add(terms);
        }
    }
}
