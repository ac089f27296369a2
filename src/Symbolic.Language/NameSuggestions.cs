namespace Symbolic.Language;

/// <summary>
/// Finds the known name a probable typo was meant to be: <c>sinn</c> and <c>Sin</c> for <c>sin</c>,
/// <c>sigm</c> for <c>sigmoid</c>. A call of an unknown name is an undefined function, as the language
/// says, so this only feeds a note; it must stay quiet for the short names people use on purpose
/// (<c>f</c>, <c>g</c>, <c>phi</c>, <c>net</c>).
/// </summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The closest of <paramref name="known"/> to <paramref name="name"/>, or null when none is close:
    /// the same name in another case; for names of 4 or 5 characters one edit (insert, delete, replace,
    /// swap two neighbours), from 6 characters two; or, from 4 characters, the start of a known name.
    /// Names of fewer than 3 characters never get a suggestion, and names of 3 only a case fix.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        if (name.Length < 3) return null;
        int allowed = name.Length switch { 3 => 0, <= 5 => 1, _ => 2 };
        string? best = null;
        int bestScore = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == name) return null;
            int score;
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) score = 0;
            else if (allowed > 0 && Distance(name, candidate) is var d && d <= allowed) score = d;
            else if (name.Length >= 4 && candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase)) score = 1;
            else continue;
            // Ties go to the longer common start (sinn: sin before sign), then to the first in order.
            score = score * 100 - CommonPrefix(name, candidate);
            if (score < bestScore || score == bestScore && string.CompareOrdinal(candidate, best) < 0)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n])) n++;
        return n;
    }

    // Optimal string alignment distance: edits are insert, delete, replace and swapping two neighbours.
    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
