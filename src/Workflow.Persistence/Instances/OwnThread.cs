namespace Workflow.Persistence.Instances;

/// <summary>
/// Starts SQLite work that blocks on a thread of its own, not the thread pool's. SQLite's async methods run synchronously
/// and a checkpoint's <c>fsync</c> blocks for milliseconds; on two cores the pool has two threads, and work holding one of
/// them stalled every command waiting for a pool thread (p99 of a completion 20–22 ms; 7–9 ms on threads of their own).
/// </summary>
internal static class OwnThread
{
    /// <summary>Runs <paramref name="work"/> to its end on a new thread; its failures are its own to handle.</summary>
    public static void Start(Func<Task> work) =>
        _ = Task.Factory.StartNew(() => work().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
