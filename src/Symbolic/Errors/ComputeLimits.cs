namespace Symbolic;

/// <summary>
/// The size budgets of a <see cref="ComputeContext"/>. Each guards one way a short input can ask for an
/// enormous result; the defaults let through what a careful CAS (GiNaC) computes in about a second.
/// </summary>
/// <example><code>var limits = ComputeLimits.Default with { MaxTerms = 10_000 };</code></example>
public sealed record ComputeLimits
{
    /// <summary>The budgets used when nothing else is set.</summary>
    public static ComputeLimits Default { get; } = new();

    /// <summary>Most terms an expansion, a product of polynomials or a series may produce
    /// (<c>expand((x+y+z)^500)</c>, 125,751 terms, is within it).</summary>
    public long MaxTerms { get; init; } = 2_000_000;

    /// <summary>Most terms the simplifier multiplies out while putting an expression over a common
    /// denominator; beyond it the simplifier leaves that part as it is (not an error).</summary>
    public long MaxSimplifierTerms { get; init; } = 20_000;

    /// <summary>Highest order of a Taylor series.</summary>
    public int MaxSeriesOrder { get; init; } = 2_000;

    /// <summary>Highest degree of a polynomial built by an exact operation (expansion, gcd, characteristic polynomial).</summary>
    public int MaxPolynomialDegree { get; init; } = 100_000;

    /// <summary>Most decimal digits of an exact number (numerator or denominator) that arithmetic may build.</summary>
    public long MaxNumberDigits { get; init; } = 1_000_000;

    /// <summary>Most decimal digits, all coefficients together, that one expansion may produce (estimated
    /// before expanding: terms times the digits of the largest coefficient). <c>expand((x+y+z)^500)</c>
    /// (about 3*10^7) is within it; <c>expand((x+y)^100000)</c> (about 3*10^9) is not.</summary>
    public long MaxExpansionDigits { get; init; } = 100_000_000;

    /// <summary>Highest order of one derivative (<c>diff(e, x, n)</c>).</summary>
    public int MaxDerivativeOrder { get; init; } = 100_000;

    /// <summary>Most rows (or columns) of a square matrix for exact linear algebra (determinant, inverse,
    /// solving, eigenvalues on exact or symbolic entries; floating-point matrices are not bounded).</summary>
    public int MaxMatrixSize { get; init; } = 200;

    /// <summary>Largest exponent of a matrix power (computed by repeated squaring).</summary>
    public System.Numerics.BigInteger MaxMatrixPower { get; init; } = System.Numerics.BigInteger.Pow(10, 18);
}
