namespace Workflow.Engine.Tests.Durable;

/// <summary>
/// Base of the durable runtime compliance suites: every test gets a fresh database from <paramref name="storage"/>
/// (opened before the test; a storage that is not configured skips it there) and a harness on it.
/// Concrete classes name the storage: in memory here, SQLite and PostgreSQL in <c>Workflow.Persistence.Tests</c>.
/// </summary>
public abstract class DurableCompliance(IDurableStorage storage) : IAsyncLifetime
{
    private DurableHarness? _harness;

    private protected DurableHarness H => _harness ?? throw new InvalidOperationException("the storage is not open");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _harness = await DurableHarness.OpenAsync(storage);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await storage.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
