using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.SqlServer;

namespace Workflow.Persistence.Tests.Migrations;

public class MigrationTests
{
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
}
