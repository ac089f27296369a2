namespace Symbolic.Tests.Support;

/// <summary>
/// Runs one case of a property under a time budget, so a random input that sends a pass into a
/// very long computation is skipped (and counted as skipped by <see cref="CaseCount"/>) instead of
/// stalling the suite. The budget is also the ambient <see cref="ComputeContext"/>'s deadline, so a
/// pass that checks the context stops; one that does not yet is left to finish on its own thread.
/// </summary>
public static class Bounded
{
    /// <summary>The budget of one case.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>The result of <paramref name="work"/>, or null when it ran out of time or hit a limit.</summary>
    public static T? Run<T>(Func<T> work) where T : class
    {
        var task = Task.Run(() =>
        {
            using var scope = new ComputeContext(timeout: Budget).Enter();
            try
            {
                return work();
            }
            catch (SymbolicException ex) when (ex.IsLimit)
            {
                return null;
            }
        });
#pragma warning disable xUnit1031 // a property body is synchronous; the wait is bounded
        return task.Wait(Budget * 2) ? task.Result : null;
#pragma warning restore xUnit1031
    }
}
