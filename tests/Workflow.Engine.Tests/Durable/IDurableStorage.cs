using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Durable;

/// <summary>The stores one node opens: definitions, instances and timer jobs on the same database.</summary>
public sealed record DurableStores(IDefinitionStore Definitions, IInstanceStore Instances, ITimerJobStore Jobs);

/// <summary>
/// Where the durable compliance suite keeps its data: a fresh, empty database for each test, and any number of
/// store objects on it. In memory here; SQLite files and PostgreSQL databases in <c>Workflow.Persistence.Tests</c>.
/// </summary>
public interface IDurableStorage : IAsyncDisposable
{
    /// <summary>
    /// New store objects on this test's database; the first call creates (or empties) the database. Later calls
    /// give objects that share no memory with earlier ones (for a database: a new context factory and definition
    /// cache), as a restarted process or a second node would open them.
    /// </summary>
    Task<DurableStores> OpenAsync(TimeProvider clock);

    /// <summary>
    /// An instance store on the same database whose saves die part-way: after the store has begun writing,
    /// before it commits (a lost connection, a killed process), with an <see cref="IOException"/>.
    /// </summary>
    Task<IInstanceStore> OpenCrashingAsync(TimeProvider clock);
}

/// <summary>
/// Memory is the database: every node shares the same two stores (a "restart" keeps them), and a crashing save
/// throws before writing, since the in-memory store writes all or nothing under one lock.
/// </summary>
public sealed class InMemoryDurableStorage : IDurableStorage
{
    private DurableStores? _stores;

    /// <inheritdoc />
    public Task<DurableStores> OpenAsync(TimeProvider clock)
    {
        if (_stores is null)
        {
            var instances = new InMemoryInstanceStore();
            _stores = new DurableStores(new InMemoryDefinitionStore(clock), instances, new InMemoryTimerJobStore(instances));
        }
        return Task.FromResult(_stores);
    }

    /// <inheritdoc />
    public async Task<IInstanceStore> OpenCrashingAsync(TimeProvider clock) => new FailingSaveStore((await OpenAsync(clock)).Instances);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
