using System.Globalization;
using System.Numerics;

namespace Symbolic.Language;

/// <summary>
/// <c>:limits</c>: shows the time limit of a statement and every budget of <see cref="ComputeLimits"/>, and
/// sets them: <c>:limits timeout=5 terms=100000</c> (items separated by spaces or commas; <c>timeout</c> in
/// seconds, <c>0</c> or <c>none</c> for no limit); <c>:limits default</c> puts back the default budgets
/// (the timeout stays as it is).
/// </summary>
internal static class LimitsCommand
{
    /// <summary>One settable budget: its name in <c>:limits</c>, what it bounds, how to read and write it.</summary>
    private sealed record Budget(string Name, string Description, Func<ComputeLimits, BigInteger> Get,
        Func<ComputeLimits, BigInteger, ComputeLimits> Set, BigInteger Max);

    // One row per property of ComputeLimits (a test checks that none is missing).
    private static readonly Budget[] Budgets =
    [
        new("terms", "most terms an expansion, a product of polynomials or a series may produce",
            l => l.MaxTerms, (l, v) => l with { MaxTerms = (long)v }, long.MaxValue),
        new("simplifier_terms", "most terms simplify multiplies out over a common denominator (beyond: left as is)",
            l => l.MaxSimplifierTerms, (l, v) => l with { MaxSimplifierTerms = (long)v }, long.MaxValue),
        new("series_order", "highest order of a Taylor series",
            l => l.MaxSeriesOrder, (l, v) => l with { MaxSeriesOrder = (int)v }, int.MaxValue),
        new("degree", "highest degree of a polynomial an exact operation builds",
            l => l.MaxPolynomialDegree, (l, v) => l with { MaxPolynomialDegree = (int)v }, int.MaxValue),
        new("digits", "most decimal digits of an exact number",
            l => l.MaxNumberDigits, (l, v) => l with { MaxNumberDigits = (long)v }, long.MaxValue),
        new("expansion_digits", "most digits, all coefficients together, of one expansion",
            l => l.MaxExpansionDigits, (l, v) => l with { MaxExpansionDigits = (long)v }, long.MaxValue),
        new("derivative_order", "highest order of one derivative",
            l => l.MaxDerivativeOrder, (l, v) => l with { MaxDerivativeOrder = (int)v }, int.MaxValue),
        new("matrix_size", "most rows of a matrix for exact linear algebra",
            l => l.MaxMatrixSize, (l, v) => l with { MaxMatrixSize = (int)v }, int.MaxValue),
        new("matrix_power", "largest exponent of a matrix power",
            l => l.MaxMatrixPower, (l, v) => l with { MaxMatrixPower = v }, BigInteger.Pow(10, 100)),
    ];

    private const string TimeoutName = "timeout";

    /// <summary>The names <c>:limits</c> knows, <c>timeout</c> first.</summary>
    internal static IEnumerable<string> Names => Budgets.Select(b => b.Name).Prepend(TimeoutName);

    /// <summary>Adds <c>:limits</c> to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table) =>
        table.Add(new CommandDef("limits", "show the time limit and budgets of a statement; :limits timeout=5 terms=100000 sets them", Run)
        { Argument = "[NAME=VALUE ...]" });

    private static void Run(CommandCall c)
    {
        var session = c.Session;
        if (!string.IsNullOrWhiteSpace(c.Argument)) Set(c, session, c.Argument);
        else Show(c, session);
    }

    private static void Show(CommandCall c, Session session)
    {
        var limits = session.EffectiveLimits;
        var rows = Budgets.Select(b => (Name: b.Name, Value: b.Get(limits).ToString(CultureInfo.InvariantCulture), Description: b.Description))
            .Prepend((Name: TimeoutName, Value: session.Timeout is { } t ? Seconds(t) : "none", Description: "time limit of one statement, in seconds (0 or none: no limit)"))
            .ToList();
        int nameWidth = rows.Max(r => r.Name.Length), valueWidth = rows.Max(r => r.Value.Length);
        foreach (var (name, value, description) in rows)
            c.WriteLine($"{name.PadRight(nameWidth)} = {value.PadRight(valueWidth)}  {description}");
    }

    // Parses every item before changing anything, so a bad item leaves all limits as they were.
    private static void Set(CommandCall c, Session session, string argument)
    {
        // The argument is the end of the statement's text (trimmed): its offset there places errors.
        int argumentStart = Math.Max(c.Span.Start, c.Span.Start + c.Span.Length - argument.Length);
        var limits = session.EffectiveLimits;
        var timeout = session.Timeout;
        foreach (var (item, offset) in Items(argument))
        {
            var span = new TextSpan(argumentStart + offset, item.Length);
            if (item is "default" or "defaults")
            {
                limits = ComputeLimits.Default;
                continue;
            }
            int equals = item.IndexOf('=');
            if (equals <= 0 || equals == item.Length - 1)
                throw new SymbolicException($"expected NAME=VALUE, as in 'timeout=5', got '{item}'", span);
            string name = item[..equals].Trim(), text = item[(equals + 1)..].Trim();
            if (name == TimeoutName)
            {
                timeout = ParseSeconds(text, span);
                continue;
            }
            var budget = Budgets.FirstOrDefault(b => b.Name == name)
                ?? throw new SymbolicException($"unknown limit '{name}'; the limits are {string.Join(", ", Names)}", span);
            limits = budget.Set(limits, ParseCount(text, budget, span));
        }
        session.Limits = limits;
        session.Timeout = timeout;
    }

    // The items of "a=1 b = 2, c=3": split at spaces and commas, then glue "a", "=", "1" back together.
    private static IEnumerable<(string Item, int Offset)> Items(string argument)
    {
        var words = new List<(string Word, int Offset)>();
        for (int i = 0; i < argument.Length;)
        {
            if (char.IsWhiteSpace(argument[i]) || argument[i] == ',') { i++; continue; }
            int start = i;
            while (i < argument.Length && !char.IsWhiteSpace(argument[i]) && argument[i] != ',') i++;
            words.Add((argument[start..i], start));
        }
        for (int k = 0; k < words.Count; k++)
        {
            var (word, offset) = words[k];
            int end = offset + word.Length;
            // "name =", "= value" and "name = value" spelled with spaces.
            while (k + 1 < words.Count && (word.EndsWith('=') || words[k + 1].Word.StartsWith('=')))
            {
                k++;
                end = words[k].Offset + words[k].Word.Length;
                word = argument[offset..end];
            }
            yield return (word, offset);
        }
    }

    private static TimeSpan? ParseSeconds(string text, TextSpan span)
    {
        if (text is "none" or "off") return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds) || seconds < 0)
            throw new SymbolicException($"the timeout must be a number of seconds (0 or none for no limit), got '{text}'", span);
        // Beyond a year is the same as none (ComputeContext treats it so).
        return seconds == 0 || seconds > 365 * 86400.0 ? null : TimeSpan.FromSeconds(seconds);
    }

    private static BigInteger ParseCount(string text, Budget budget, TextSpan span)
    {
        string digits = text.Replace("_", "");
        BigInteger value;
        int e = digits.IndexOfAny(['e', 'E']);
        bool ok = e < 0
            ? BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            : TryScientific(digits[..e], digits[(e + 1)..], out value);
        if (!ok || value < 1)
            throw new SymbolicException($"'{budget.Name}' must be a positive whole number, got '{text}'", span);
        if (value > budget.Max)
            throw new SymbolicException($"'{budget.Name}' can be at most {budget.Max.ToString(CultureInfo.InvariantCulture)}", span);
        return value;
    }

    // 1e6, 2.5e5: a whole number written in scientific form.
    private static bool TryScientific(string mantissa, string exponent, out BigInteger value)
    {
        value = default;
        if (!int.TryParse(exponent, NumberStyles.None, CultureInfo.InvariantCulture, out int power) || power > 400) return false;
        int point = mantissa.IndexOf('.');
        string whole = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        if (whole.Length == 0 || fraction > power || !BigInteger.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        value = m * BigInteger.Pow(10, power - fraction);
        return true;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
