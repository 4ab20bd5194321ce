namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Runs the work on one corpus file with a time bound. This is a hang guard, not a benchmark:
/// the bound is generous and only catches a file that never finishes.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/> in a task and waits for it at most <see cref="Limit"/>.</summary>
    public static Task<T> Run<T>(string file, string step, Func<T> work) => Await(file, step, Task.Run(work));

    /// <summary>Waits for a task at most <see cref="Limit"/>; a time-out or an exception fails the test, naming the file.</summary>
    public static async Task<T> Await<T>(string file, string step, Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{file}: {step} did not finish within {Limit.TotalSeconds:0} s (a hang?)");
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Assert.Fail($"{file}: {step} threw {ex}");
            throw;
        }
    }
}
