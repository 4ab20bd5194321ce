using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.SqlServer;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Migrations;

public class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["sqlite", "postgresql", "sqlserver"];

    private static IDesignTimeDbContextFactory<WorkflowDbContext> DesignTimeFactory(string provider) => provider switch
    {
        "sqlite" => new WorkflowSqliteDesignTimeFactory(),
        "postgresql" => new WorkflowPostgreSqlDesignTimeFactory(),
        _ => new WorkflowSqlServerDesignTimeFactory(),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_MatchTheModel(string provider)
    {
        // No connection is opened: this also holds SQL Server, which cannot run here, to its migrations.
        using var db = DesignTimeFactory(provider).CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations are behind the model: add a migration (docs/persistence.md)");
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sqlite_OpensInWriteAheadLogMode_WithABusyTimeout()
    {
        await using var database = new SqliteTestDatabase();
        await using var db = await (await database.OpenAsync()).Contexts.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("30000", await ScalarAsync(connection, "PRAGMA busy_timeout"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(Ct))?.ToString();
    }
}
