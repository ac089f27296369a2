using Symbolic.Linear;

namespace Symbolic.Language;

/// <summary><c>+ - * / ^</c> on values: expressions, and vectors and matrices with exact entries.</summary>
internal static class ValueArithmetic
{
    public static Value Add(Value a, Value b) => (a, b) switch
    {
        (ExprValue x, ExprValue y) => new ExprValue(x.Expr + y.Expr),
        (MatrixValue x, MatrixValue y) => new MatrixValue(x.Matrix + y.Matrix),
        _ => throw Mismatch("add", a, b),
    };

    public static Value Subtract(Value a, Value b) => (a, b) switch
    {
        (ExprValue x, ExprValue y) => new ExprValue(x.Expr - y.Expr),
        (MatrixValue x, MatrixValue y) => new MatrixValue(x.Matrix - y.Matrix),
        _ => throw Mismatch("subtract", a, b),
    };

    public static Value Multiply(Value a, Value b) => (a, b) switch
    {
        (ExprValue x, ExprValue y) => new ExprValue(x.Expr * y.Expr),
        (ExprValue x, MatrixValue m) => new MatrixValue(x.Expr * m.Matrix),
        (MatrixValue m, ExprValue x) => new MatrixValue(m.Matrix * x.Expr),
        (MatrixValue x, MatrixValue y) => Product(x.Matrix, y.Matrix),
        _ => throw Mismatch("multiply", a, b),
    };

    // A 1x1 result of a row times a column (transpose(u)*v) is the dot product: a scalar.
    private static Value Product(ExprMatrix a, ExprMatrix b)
    {
        var p = a * b;
        return p.Count == 1 && !a.IsVector && a.Rows == 1 ? new ExprValue(p[0]) : new MatrixValue(p);
    }

    public static Value Divide(Value a, Value b) => (a, b) switch
    {
        (ExprValue x, ExprValue y) => new ExprValue(x.Expr / y.Expr),
        (MatrixValue m, ExprValue x) => new MatrixValue(m.Matrix.Map(e => e / x.Expr)),
        (_, MatrixValue) => throw new SymbolicException("cannot divide by a matrix; use inverse(M)"),
        _ => throw Mismatch("divide", a, b),
    };

    public static Value Power(Value a, Value b)
    {
        switch (a, b)
        {
            case (ExprValue x, ExprValue y):
                return new ExprValue(Expr.Pow(x.Expr, y.Expr));
            case (MatrixValue m, ExprValue { Expr: Number { IsInteger: true } n }) when !m.Matrix.IsVector:
                return new MatrixValue(LinearAlgebra.Power(m.Matrix, n.Exact.Numerator));
            default:
                throw new SymbolicException($"cannot raise {a.KindWithArticle} to the power of {b.KindWithArticle}");
        }
    }

    public static Value Negate(Value a) => a switch
    {
        ExprValue x => new ExprValue(-x.Expr),
        MatrixValue m => new MatrixValue(-m.Matrix),
        _ => throw new SymbolicException($"cannot negate {a.KindWithArticle}"),
    };

    private static SymbolicException Mismatch(string verb, Value a, Value b) =>
        new($"cannot {verb} {a.KindWithArticle} and {b.KindWithArticle}");
}
