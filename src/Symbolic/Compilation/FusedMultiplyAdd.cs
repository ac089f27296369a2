using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Symbolic.Compilation;

/// <summary>
/// Rewrites <c>a*b + c</c>, <c>c + a*b</c>, <c>c - a*b</c>, <c>a*b - c</c> and <c>t += a*b</c> in emitted code into
/// one fused multiply-add (<see cref="Math.FusedMultiplyAdd"/>, <see cref="Vector.FusedMultiplyAdd(Vector{double}, Vector{double}, Vector{double})"/>
/// in SIMD kernels): one instruction with one rounding instead of two, which shortens the dependency chains
/// of dot products (<c>b + w1*a1 + w2*a2 + ...</c>), sums of squares and adjoint accumulations. In SIMD kernels
/// every node is a local of its own, so nothing is fused there.
/// </summary>
/// <remarks>
/// Off by default: measured on the compiler benchmarks (docs/BENCHMARKS.md) it brought nothing beyond the noise
/// (Rosenbrock value + gradient 1.09 / 1.05 / 1.13 times hand-written with it, 1.11 / 1.12 / 1.10 without; the
/// 2-layer network and logistic regression the same), while it changes the last bits of every result, so long
/// iterative runs (the samples' optimizer transcripts) print different digits than the interpreter's arithmetic
/// gives. `compiler-quick fma` in the benchmarks turns it on. Where it is on, it is applied only when the
/// processor has the instruction (x64 FMA3, Arm64): without it <see cref="Math.FusedMultiplyAdd"/> is a slow
/// software routine.
/// </remarks>
internal sealed class FusedMultiplyAdd : ExpressionVisitor
{
    /// <summary>Whether kernels are rewritten (see the remarks: off by default; benchmarks turn it on to measure).</summary>
    internal static bool Enabled;

    /// <summary>Whether the processor has a fused multiply-add instruction.</summary>
    internal static bool Supported => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;

    private static readonly MethodInfo Scalar = typeof(Math).GetMethod(nameof(Math.FusedMultiplyAdd), [typeof(double), typeof(double), typeof(double)])!;
    private static readonly MethodInfo Vectorial = typeof(Vector).GetMethod(nameof(Vector.FusedMultiplyAdd), [typeof(Vector<double>), typeof(Vector<double>), typeof(Vector<double>)])!;

    private static readonly FusedMultiplyAdd Instance = new();

    /// <summary>The lambda with its multiply-adds fused, or itself when fusing is off.</summary>
    public static Expression<TDelegate> Apply<TDelegate>(Expression<TDelegate> lambda) =>
        Enabled && Supported ? (Expression<TDelegate>)Instance.Visit(lambda) : lambda;

    protected override LinqExpr VisitBinary(BinaryExpression node)
    {
        var left = Visit(node.Left);
        var right = Visit(node.Right);
        var method = node.Type == typeof(double) ? Scalar : node.Type == typeof(Vector<double>) ? Vectorial : null;
        if (method is not null)
        {
            switch (node.NodeType)
            {
                case ExpressionType.Add when IsProduct(right, out var a, out var b):
                    return LinqExpr.Call(method, a, b, left);
                case ExpressionType.Add when IsProduct(left, out var a, out var b):
                    return LinqExpr.Call(method, a, b, right);
                case ExpressionType.Subtract when IsProduct(right, out var a, out var b):
                    return LinqExpr.Call(method, LinqExpr.Negate(a), b, left);
                case ExpressionType.Subtract when IsProduct(left, out var a, out var b):
                    return LinqExpr.Call(method, a, b, LinqExpr.Negate(right));
                case ExpressionType.AddAssign when IsProduct(right, out var a, out var b):
                    return LinqExpr.Assign(left, LinqExpr.Call(method, a, b, left));
            }
        }
        return node.Update(left, VisitAndConvert(node.Conversion, nameof(VisitBinary)), right);
    }

    private static bool IsProduct(LinqExpr e, out LinqExpr a, out LinqExpr b)
    {
        if (e is BinaryExpression { NodeType: ExpressionType.Multiply } m)
        {
            (a, b) = (m.Left, m.Right);
            return true;
        }
        (a, b) = (e, e);
        return false;
    }
}
