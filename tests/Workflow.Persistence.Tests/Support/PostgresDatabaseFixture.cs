using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Workflow.Persistence.PostgreSql;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// A database of its own per test class (<c>workflow_test_&lt;random&gt;</c>, created on the server named by
/// <c>WORKFLOW_POSTGRES</c>, migrated once, emptied before each test, dropped at the end).
/// Without the variable the tests are skipped, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class PostgresDatabaseFixture : ITestDatabase, IAsyncLifetime
{
    /// <summary>Environment variable holding the connection string.</summary>
    public const string Variable = "WORKFLOW_POSTGRES";
    /// <summary>Why the tests are skipped.</summary>
    public const string NotConfigured = "PostgreSQL not configured: set WORKFLOW_POSTGRES (CI does)";

    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    private string? _connectionString;
    private IDbContextFactory<WorkflowDbContext>? _contexts;

    /// <inheritdoc />
    public IDbContextFactory<WorkflowDbContext> Contexts => _contexts ?? throw new InvalidOperationException("call OpenAsync first");

    /// <summary>The database, emptied; skips (or fails under CI) when PostgreSQL is not configured.</summary>
    public async Task<ITestDatabase> OpenAsync()
    {
        if (_connectionString is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI.");
            }
            Assert.Skip(NotConfigured);
        }
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        // The ledger refuses TRUNCATE (append-only triggers): as its owner, switch them off for the reset only.
        var reset = $"""
            {LedgerTriggers("DISABLE")}
            TRUNCATE ledger, ledger_heads, ledger_checkpoints, task_candidates, tasks, timers, instances, definitions, users, delegations RESTART IDENTITY CASCADE;
            {LedgerTriggers("ENABLE")}
            """;
        await db.Database.ExecuteSqlRawAsync(reset, TestContext.Current.CancellationToken);
        return this;
    }

    /// <summary><c>ALTER TABLE … ENABLE|DISABLE TRIGGER USER</c> for the three ledger tables and the instances (whose rows hold their streams' heads).</summary>
    public static string LedgerTriggers(string enableOrDisable) => string.Concat(
        new[] { "ledger", "ledger_heads", "ledger_checkpoints", "instances" }.Select(t => $"ALTER TABLE {t} {enableOrDisable} TRIGGER USER; "));

    /// <inheritdoc />
    public IDbContextFactory<WorkflowDbContext> ContextsWith(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowPostgreSql(_connectionString ?? throw new InvalidOperationException("not configured"));
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }
        return new PooledDbContextFactory<WorkflowDbContext>(options.Options);
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (Server is null)
        {
            return;
        }
        var name = $"workflow_test_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        _contexts = ContextsWith();
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connectionString is null || Server is null)
        {
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
