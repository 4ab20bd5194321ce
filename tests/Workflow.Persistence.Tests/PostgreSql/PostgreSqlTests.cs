using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tests.Compliance;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.PostgreSql;

// Each class gets its own database (PostgresDatabaseFixture), emptied before each test.
// Skipped without WORKFLOW_POSTGRES; failed without it under CI=true.

public sealed class PostgreSqlInstanceStoreTests(PostgresDatabaseFixture database) : InstanceStoreCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<IInstanceStore> CreateStoreAsync()
    {
        var contexts = (await database.OpenAsync()).Contexts;
        return new EfInstanceStore(contexts, new EfDefinitionStore(contexts));
    }
}

public sealed class PostgreSqlDefinitionStoreTests(PostgresDatabaseFixture database) : DefinitionStoreCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlIncidentCountsTests(PostgresDatabaseFixture database) : IncidentCountsCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlTaskTableTests(PostgresDatabaseFixture database) : TaskTableCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlTaskQueriesTests(PostgresDatabaseFixture database) : TaskQueriesCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlTimerAndHistoryTests(PostgresDatabaseFixture database) : TimerAndHistoryCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlLedgerTests(PostgresDatabaseFixture database) : LedgerCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();

    // The owner switches the triggers off; the fixture switches them on again for the next test.
    protected override Task DisableAppendOnlyAsync(WorkflowDbContext db) =>
        db.Database.ExecuteSqlRawAsync(PostgresDatabaseFixture.LedgerTriggers("DISABLE"), Ct);

    [Theory]
    [InlineData("ledger")]
    [InlineData("ledger_heads")]
    [InlineData("ledger_checkpoints")]
    public async Task Database_RefusesTruncate_OfLedgerTables(string table)
    {
        var db = await database.OpenAsync();
        await using var context = await db.Contexts.CreateDbContextAsync(Ct);

        var truncate = $"TRUNCATE {table} CASCADE";
        await AssertRefusedAsync(context.Database.ExecuteSqlRawAsync(truncate, Ct));
    }

    [Fact]
    public async Task Checkpoint_WaitsForAnAppendInFlight_SoThatALowerIdCommittedLaterIsNotLeftOut()
    {
        var stores = await CreateStoresAsync();
        var contexts = stores.Database.Contexts;
        // An append that has its ledger id but has not committed yet …
        await using var slow = await contexts.CreateDbContextAsync(Ct);
        await using var transaction = await slow.Database.BeginTransactionAsync(Ct);
        await LedgerWriter.AppendAsync(slow, [new HistoryEntry(Guid.NewGuid(), Clock.Now, "started", null, "first", null)], LedgerComponents.Engine, Ct);
        // … while a later one, with a higher id, commits.
        Assert.True((await stores.Instances.SaveAsync([], [new HistoryEntry(Guid.NewGuid(), Clock.Now, "started", null, "second", null)], Ct)).Saved);

        var checkpoint = Task.Run(() => new LedgerCheckpointer(contexts, Clock).CheckpointAsync(Ct), Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        Assert.False(checkpoint.IsCompleted, "the checkpoint must wait for the append in flight");
        await transaction.CommitAsync(Ct);

        Assert.Equal(2, Assert.Single(await checkpoint).Entries);
        var result = await new LedgerVerifier(contexts).VerifyAsync(Ct);
        Assert.True(result.Ok, result.FirstProblem?.Message);
    }
}

public sealed class PostgreSqlIdentityStoreTests(PostgresDatabaseFixture database) : IdentityStoreCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}

public sealed class PostgreSqlLedgerTraceTests(PostgresDatabaseFixture database) : LedgerTraceCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();

    // The owner switches the triggers off; the fixture switches them on again for the next test.
    protected override Task DisableAppendOnlyAsync(WorkflowDbContext db) =>
        db.Database.ExecuteSqlRawAsync(PostgresDatabaseFixture.LedgerTriggers("DISABLE"), Ct);
}

public sealed class PostgreSqlCaseQueriesTests(PostgresDatabaseFixture database) : CaseQueriesCompliance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();
}
