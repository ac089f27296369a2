using System.Diagnostics;
using System.Runtime.CompilerServices;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>Evaluates an expression in double precision at a point, following IEEE arithmetic.</summary>
public static class Interpreter
{
    /// <summary>The value of <paramref name="e"/> with each free symbol looked up in <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">A symbol has no value, or the expression applies an undefined function.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> point) =>
        Evaluate(e, s => point.TryGetValue(s, out var v) ? v : null);

    public static double Evaluate(Expr e, Func<Symbol, double?> lookup)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Number n: return n.Value;
            case Constant c: return c.Value;
            case Symbol s: return lookup(s) ?? throw new SymbolicException($"symbol '{s.Name}' has no value");
            case Add a:
            {
                double sum = 0;
                foreach (var t in a.Terms) sum += Evaluate(t, lookup);
                return sum;
            }
            case Mul m:
            {
                double product = 1;
                foreach (var f in m.Factors) product *= Evaluate(f, lookup);
                return product;
            }
            case Pow p:
            {
                double b = Evaluate(p.Base, lookup);
                if (p.Exponent is Number { IsExact: true } k)
                {
                    if (k.Exact.Equals(Rational.Half)) return Math.Sqrt(b);
                    if (k.IsInteger && k.Exact.Numerator == -1) return 1 / b;
                    if (k.IsInteger && k.Exact.Numerator == 2) return b * b;
                }
                return Math.Pow(b, Evaluate(p.Exponent, lookup));
            }
            case Call c:
            {
                if (c.Function.IsUndefined)
                    throw new SymbolicException($"cannot evaluate the undefined function '{c.Function.Name}'");
                if (c.Arguments.Length == 1 && c.Function.Evaluate is { } unary) return unary(Evaluate(c.Argument, lookup));
                // any arity: the entry's numeric implementation at all the arguments
                var values = new double[c.Arguments.Length];
                for (int i = 0; i < values.Length; i++) values[i] = Evaluate(c.Arguments[i], lookup);
                return c.Function.Compute(values);
            }
            case Derivative d:
                throw new SymbolicException($"cannot evaluate the derivative of an undefined function: {d}");
            default:
                throw new UnreachableException(e.GetType().Name);
        }
    }
}
