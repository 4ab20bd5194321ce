using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Durable;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// The durable compliance suites on a real database: the EF stores (definitions, instances, timer jobs), the first on the test's fresh database, every
/// later "node" on a new context factory (and a new definition cache) on the same database.
/// </summary>
public abstract class EfDurableStorage : IDurableStorage
{
    private ITestDatabase? _database;

    /// <summary>The test's fresh, migrated, empty database; called once per test.</summary>
    protected abstract Task<ITestDatabase> OpenDatabaseAsync();

    /// <inheritdoc />
    public async Task<DurableStores> OpenAsync(TimeProvider clock)
    {
        IDbContextFactory<WorkflowDbContext> contexts = _database is null ? (_database = await OpenDatabaseAsync()).Contexts : _database.ContextsWith();
        var definitions = new EfDefinitionStore(contexts, clock);
        return new DurableStores(definitions, new EfInstanceStore(contexts, definitions, clock), new EfTimerJobStore(contexts));
    }

    /// <inheritdoc />
    public async Task<IInstanceStore> OpenCrashingAsync(TimeProvider clock)
    {
        var definitions = (await OpenAsync(clock)).Definitions;
        return new EfInstanceStore(_database!.ContextsWith(new CrashingCommitInterceptor()), definitions, clock);
    }

    /// <summary>Removes the test's database, if it is the test's own.</summary>
    protected virtual ValueTask DeleteDatabaseAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DeleteDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A SQLite file of its own per test, deleted afterwards.</summary>
public sealed class SqliteDurableStorage : EfDurableStorage
{
    private readonly SqliteTestDatabase _database = new();

    /// <inheritdoc />
    protected override Task<ITestDatabase> OpenDatabaseAsync() => _database.OpenAsync();

    /// <inheritdoc />
    protected override ValueTask DeleteDatabaseAsync() => _database.DisposeAsync();
}

/// <summary>The test class's PostgreSQL database, emptied for each test; skips (or fails under CI) when PostgreSQL is not configured.</summary>
public sealed class PostgresDurableStorage(PostgresDatabaseFixture database) : EfDurableStorage
{
    /// <inheritdoc />
    protected override Task<ITestDatabase> OpenDatabaseAsync() => database.OpenAsync();
}
