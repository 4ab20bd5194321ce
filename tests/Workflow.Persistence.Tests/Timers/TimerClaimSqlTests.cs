using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.SqlServer;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence.Tests.Timers;

/// <summary>
/// The claim statements against each provider's model, without a connection: this is all the checking the SQL Server
/// statement gets here (SQLite and PostgreSQL run theirs in the compliance suites).
/// </summary>
public partial class TimerClaimSqlTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgresql", "sqlserver"];

    private static IDesignTimeDbContextFactory<WorkflowDbContext> DesignTimeFactory(string provider) => provider switch
    {
        "sqlite" => new WorkflowSqliteDesignTimeFactory(),
        "postgresql" => new WorkflowPostgreSqlDesignTimeFactory(),
        _ => new WorkflowSqlServerDesignTimeFactory(),
    };

    [GeneratedRegex(@"\b[a-z]+(?:_[a-z]+)+\b")]
    private static partial Regex SnakeCaseName();

    [Theory]
    [MemberData(nameof(Providers))]
    public void ClaimStatement_NamesOnlyColumnsOfTheTimersTable(string provider)
    {
        using var db = DesignTimeFactory(provider).CreateDbContext([]);
        var columns = db.Model.FindEntityType(typeof(TimerRow))!.GetProperties().Select(p => p.GetColumnName()).ToHashSet();

        var sql = TimerClaimSql.For(db.Database.ProviderName);

        var named = SnakeCaseName().Matches(sql).Select(m => m.Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "due_at", "failed_at", "next_attempt_at", "lease_until", "lease_owner" }, named);
        Assert.Subset(columns, named);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ClaimStatement_IsRunAsWritten_NotWrappedInAQuery(string provider)
    {
        using var db = DesignTimeFactory(provider).CreateDbContext([]);
        var sql = TimerClaimSql.For(db.Database.ProviderName);

        var command = db.Timers.FromSqlRaw(sql, "node-a", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 10).AsNoTracking().ToQueryString().TrimEnd();

        Assert.EndsWith(sql.Replace("{0}", "@p0", StringComparison.Ordinal).Replace("{1}", "@p1", StringComparison.Ordinal)
            .Replace("{2}", "@p2", StringComparison.Ordinal).Replace("{3}", "@p3", StringComparison.Ordinal), command, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServerClaim_LocksTheRowsItTakes_AndPassesOverRowsLockedByOthers()
    {
        var sql = TimerClaimSql.For(TimerClaimSql.SqlServerProvider);

        Assert.Contains("WITH (UPDLOCK, READPAST, ROWLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT inserted.*", sql, StringComparison.Ordinal);
    }
}
