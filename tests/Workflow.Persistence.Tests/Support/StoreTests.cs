using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Tests.Support;

/// <summary>Base of the provider-neutral suites: a database per test, the EF stores on it, an engine on a virtual clock.</summary>
public abstract class StoreTests
{
    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Engine and store time.</summary>
    protected VirtualClock Clock { get; } = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>An engine on <see cref="Clock"/>.</summary>
    protected WorkflowEngine Engine => new(new EngineOptions { Clock = Clock });

    /// <summary>A fresh, empty, migrated database.</summary>
    protected abstract Task<ITestDatabase> OpenAsync();

    /// <summary>The stores on a fresh database, with optional interceptors on their contexts.</summary>
    protected async Task<Stores> CreateStoresAsync(params IInterceptor[] interceptors)
    {
        var database = await OpenAsync();
        var contexts = interceptors.Length == 0 ? database.Contexts : database.ContextsWith(interceptors);
        var definitions = new EfDefinitionStore(contexts, Clock);
        return new Stores(database, definitions, new EfInstanceStore(contexts, definitions, Clock), new TaskQueries(contexts));
    }

    /// <summary>
    /// Saves one change, asserting it was written. Like the durable runtime, it hands back the projection of the state
    /// as last saved (<see cref="InstanceChange.Loaded"/>), so the store writes only differences.
    /// </summary>
    protected async Task SaveAsync(IInstanceStore store, ProcessInstance instance, long expected, params HistoryEntry[] history)
    {
        var loaded = expected == 0 ? null : _saved.GetValueOrDefault(instance.Id);
        Assert.True((await store.SaveAsync([new InstanceChange(instance, expected) { Loaded = loaded }], history, Ct)).Saved);
        _saved[instance.Id] = InstanceProjection.Of(instance);
    }

    /// <summary>
    /// Whether the store reads the case around a task's instance along with it (<c>LoadWithCaseByTaskAsync</c>): where a load is a
    /// round trip, not on SQLite.
    /// </summary>
    protected static async Task<bool> ReadsTheCaseWithATaskAsync(Stores stores)
    {
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        return !db.IsSqlite;
    }

    private readonly Dictionary<Guid, InstanceProjection> _saved = [];
}

/// <summary>The stores of one test database.</summary>
public sealed record Stores(ITestDatabase Database, EfDefinitionStore Definitions, EfInstanceStore Instances, TaskQueries Tasks);
