using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
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
}
