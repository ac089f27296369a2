using System.Diagnostics;

namespace Symbolic;

/// <summary>
/// What bounds a computation: a cancellation token, a deadline and size budgets (<see cref="ComputeLimits"/>).
/// The context is ambient: <see cref="Enter"/> makes it current for the calling thread and the tasks it
/// starts (it flows like <see cref="AsyncLocal{T}"/>), and long operations (expansion, series, polynomial
/// arithmetic, elimination, differentiation of huge sums, matrix powers) read <see cref="Current"/> and call
/// <see cref="ThrowIfStopped"/> in their loops. Exceeding a budget, cancellation and the deadline all raise
/// <see cref="SymbolicException"/> with a stable code (<see cref="ErrorCodes.LimitExceeded"/>,
/// <see cref="ErrorCodes.Cancelled"/>, <see cref="ErrorCodes.TimedOut"/>).
/// </summary>
/// <example><code>
/// using var cts = new CancellationTokenSource();
/// using (new ComputeContext(ComputeLimits.Default with { MaxTerms = 10_000 }, cts.Token, TimeSpan.FromSeconds(5)).Enter())
/// {
///     Expr result = Expr.Parse("(x + y)^200").Expand();   // 201 terms: within the budget
/// }
/// </code></example>
public sealed class ComputeContext
{
    private static readonly AsyncLocal<ComputeContext?> Ambient = new();

    private readonly long _deadline; // Stopwatch timestamp; long.MaxValue when there is none

    /// <summary>A context with the given budgets, token and time limit counted from now (none by default; a zero,
    /// negative or year-long limit means none).</summary>
    public ComputeContext(ComputeLimits? limits = null, CancellationToken cancellation = default, TimeSpan? timeout = null)
    {
        Limits = limits ?? ComputeLimits.Default;
        Cancellation = cancellation;
        Timeout = timeout;
        _deadline = timeout is { } t && t > TimeSpan.Zero && t < TimeSpan.FromDays(365)
            ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    // A context with an explicit deadline (Stopwatch timestamp) and the time limit that set it.
    private ComputeContext(ComputeLimits limits, CancellationToken cancellation, TimeSpan? timeout, long deadline)
    {
        Limits = limits;
        Cancellation = cancellation;
        Timeout = timeout;
        _deadline = deadline;
    }

    /// <summary>
    /// A context for one piece of work inside this one: the budgets <paramref name="limits"/> (this context's
    /// when null), this context's token, and the earlier of this context's deadline and
    /// <paramref name="timeout"/> counted from now (none when null or zero). A REPL statement runs in one.
    /// </summary>
    /// <example><code>using (ComputeContext.Current.Narrow(timeout: TimeSpan.FromSeconds(30)).Enter()) { ... }</code></example>
    public ComputeContext Narrow(ComputeLimits? limits = null, TimeSpan? timeout = null)
    {
        var inner = new ComputeContext(limits ?? Limits, Cancellation, timeout);
        return inner._deadline <= _deadline ? inner : new ComputeContext(inner.Limits, Cancellation, Timeout, _deadline);
    }

    /// <summary>The context with default budgets, no token and no deadline.</summary>
    public static ComputeContext Default { get; } = new();

    /// <summary>The context in force on this thread (or flowed to this task), or <see cref="Default"/>.</summary>
    public static ComputeContext Current => Ambient.Value ?? Default;

    /// <summary>The size budgets.</summary>
    public ComputeLimits Limits { get; }

    /// <summary>Cancels the computation when signalled.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The time limit counted from construction, if any.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Makes this context current until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(previous);
    }

    /// <summary>Restores the previous context when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ComputeContext? _previous;

        internal Scope(ComputeContext? previous) => _previous = previous;

        /// <summary>Restores the context that was current before <see cref="Enter"/>.</summary>
        public void Dispose() => Ambient.Value = _previous;
    }

    /// <summary>Throws when the token is cancelled or the deadline has passed. Cheap enough for inner loops
    /// that do real work per iteration; call it every few hundred iterations in the tightest ones.</summary>
    /// <exception cref="SymbolicException">Code <see cref="ErrorCodes.Cancelled"/> or <see cref="ErrorCodes.TimedOut"/>.</exception>
    public void ThrowIfStopped()
    {
        if (Cancellation.IsCancellationRequested)
            throw new SymbolicException("cancelled", default, ErrorCodes.Cancelled);
        if (_deadline != long.MaxValue && Stopwatch.GetTimestamp() > _deadline)
            throw new SymbolicException($"timed out after {Describe(Timeout!.Value)}", default, ErrorCodes.TimedOut);
    }

    /// <summary><see cref="ThrowIfStopped"/> on the current context.</summary>
    public static void CheckStopped() => Current.ThrowIfStopped();

    [ThreadStatic] private static uint _polls;

    /// <summary>
    /// <see cref="CheckStopped"/> at every 256th call on this thread: for the innermost steps of the passes
    /// every statement goes through (a node rewritten, evaluated or printed, a term built), where even reading
    /// the ambient context at each step would show, and a statement's time limit must still land within a
    /// fraction of a second.
    /// </summary>
    /// <exception cref="SymbolicException">Code <see cref="ErrorCodes.Cancelled"/> or <see cref="ErrorCodes.TimedOut"/>.</exception>
    public static void Poll()
    {
        if ((++_polls & 255) == 0) Current.ThrowIfStopped();
    }

    /// <summary>Throws when an operation would produce <paramref name="count"/> terms, more than <see cref="ComputeLimits.MaxTerms"/>.</summary>
    /// <param name="operation">What is being computed, as in "expand" or "the product".</param>
    /// <param name="count">The number of terms it would produce (counted before doing the work).</param>
    public void CheckTerms(string operation, System.Numerics.BigInteger count)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (count > Limits.MaxTerms)
            throw LimitExceeded($"expression too large: {operation} would produce {count:N0} terms (limit {Limits.MaxTerms:N0})");
    }

    /// <summary>Throws when a limit is exceeded: <paramref name="value"/> of <paramref name="what"/> above <paramref name="limit"/>.</summary>
    public static void CheckLimit(string what, System.Numerics.BigInteger value, System.Numerics.BigInteger limit)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (value > limit)
            throw LimitExceeded($"{what} {value:N0} is above the limit of {limit:N0}");
    }

    /// <summary>The library's error for an exceeded budget, with code <see cref="ErrorCodes.LimitExceeded"/>.</summary>
    public static SymbolicException LimitExceeded(string message) =>
        new(message ?? throw new ArgumentNullException(nameof(message)), default, ErrorCodes.LimitExceeded);

    private static string Describe(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";
}
