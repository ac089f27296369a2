// Shared by the numerics samples (linked into each): compare a computed number with the course notes'
// value and remember a mismatch, so the program's exit code says whether the notes were reproduced.
internal static class Check
{
    public static int Failures { get; private set; }

    public static void Near(string what, double actual, double expected, double tolerance)
    {
        bool ok = Math.Abs(actual - expected) <= tolerance;
        if (!ok) Failures++;
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}: {actual:G10} (notes: {expected:G10})");
    }

    public static void True(string what, bool condition)
    {
        if (!condition) Failures++;
        Console.WriteLine($"  {(condition ? "ok  " : "FAIL")} {what}");
    }

    public static int ExitCode => Failures == 0 ? 0 : 1;
}
