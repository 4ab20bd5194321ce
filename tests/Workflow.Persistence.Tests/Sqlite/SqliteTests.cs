using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tests.Compliance;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

// Each test gets its own SQLite file, migrated with Database.Migrate and deleted afterwards.

public sealed class SqliteInstanceStoreTests : InstanceStoreCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IInstanceStore> CreateStoreAsync()
    {
        var contexts = (await _database.OpenAsync()).Contexts;
        return new EfInstanceStore(contexts, new EfDefinitionStore(contexts));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteDefinitionStoreTests : DefinitionStoreCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteIncidentCountsTests : IncidentCountsCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteTaskTableTests : TaskTableCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteTaskQueriesTests : TaskQueriesCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteTimerAndHistoryTests : TimerAndHistoryCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteLedgerTests : LedgerCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    // SQLite cannot switch a trigger off: the attacker drops them.
    protected override Task DisableAppendOnlyAsync(WorkflowDbContext db) => db.Database.ExecuteSqlRawAsync("""
        DROP TRIGGER tr_ledger_no_update; DROP TRIGGER tr_ledger_no_delete;
        DROP TRIGGER tr_ledger_checkpoints_no_update; DROP TRIGGER tr_ledger_checkpoints_no_delete;
        DROP TRIGGER tr_ledger_heads_forward_only; DROP TRIGGER tr_ledger_heads_no_delete;
        DROP TRIGGER tr_instances_ledger_head_forward_only;
        """, Ct);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteIdentityStoreTests : IdentityStoreCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteLedgerTraceTests : LedgerTraceCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    // SQLite cannot switch a trigger off: the attacker drops them.
    protected override Task DisableAppendOnlyAsync(WorkflowDbContext db) =>
        db.Database.ExecuteSqlRawAsync("DROP TRIGGER tr_ledger_no_update; DROP TRIGGER tr_ledger_no_delete;", Ct);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

public sealed class SqliteCaseQueriesTests : CaseQueriesCompliance, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
