using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Migrations;

/// <summary>
/// A database written before instance streams kept their heads in the instance rows: the migration moves each instance's head
/// into its row, leaves the global stream's in <c>ledger_heads</c>, and the moved heads still only move forward.
/// </summary>
public sealed class InstanceLedgerHeadsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_MovesInstanceHeadsIntoTheirRows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflow-migration-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<WorkflowDbContext>();
            options.UseWorkflowSqlite($"Data Source={path}");
            await MovesHeadsAsync(() => new WorkflowDbContext(options.Options), startedAt: "0");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task PostgreSql_MovesInstanceHeadsIntoTheirRows()
    {
        var server = Environment.GetEnvironmentVariable(PostgresDatabaseFixture.Variable);
        if (string.IsNullOrEmpty(server))
        {
            Assert.SkipWhen(!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), PostgresDatabaseFixture.NotConfigured);
            Assert.Fail($"CI=true but {PostgresDatabaseFixture.Variable} is not set: the PostgreSQL tests must run in CI.");
        }
        var name = $"workflow_migration_{Guid.NewGuid():N}"[..30];
        await AdminAsync(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            var options = new DbContextOptionsBuilder<WorkflowDbContext>();
            options.UseWorkflowPostgreSql(connection);
            await MovesHeadsAsync(() => new WorkflowDbContext(options.Options), startedAt: "now()");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task MovesHeadsAsync(Func<WorkflowDbContext> open, string startedAt)
    {
        // The start time as a literal of the database's own: a raw statement does not apply the model's converters.
        var insert = string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "INSERT INTO instances (id, process_id, version, status, state, revision, started_at) VALUES ({{0}}, 'p', 1, 'running', {{1}}, 1, {0})", startedAt);
        var (instance, other) = (Guid.NewGuid(), Guid.NewGuid());
        byte[] instanceHash = [.. Enumerable.Repeat((byte)7, LedgerHash.Size)], globalHash = [.. Enumerable.Repeat((byte)9, LedgerHash.Size)];
        await using (var db = open())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_InstanceLedgerHeads", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, Ct);
            foreach (var id in new[] { instance, other })
            {
                await db.Database.ExecuteSqlRawAsync(insert, [id, new byte[] { 1 }], Ct);
            }
            await db.Database.ExecuteSqlRawAsync("INSERT INTO ledger_heads (instance_id, seq, hash) VALUES ({0}, 3, {1}), ({2}, 2, {3})",
                [instance, instanceHash, Guid.Empty, globalHash], Ct);
        }

        await using (var db = open())
        {
            await db.Database.MigrateAsync(Ct);

            var heads = await db.Set<InstanceRow>().OrderBy(i => i.Id == instance ? 0 : 1).Select(i => new { i.Id, i.LedgerSeq, i.LedgerHash }).ToListAsync(Ct);
            Assert.Equal([(instance, 3L), (other, 0L)], heads.Select(h => (h.Id, h.LedgerSeq)));
            Assert.Equal(instanceHash, heads[0].LedgerHash);
            Assert.Null(heads[1].LedgerHash);
            var left = Assert.Single(await db.LedgerHeads.ToListAsync(Ct));
            Assert.Equal((Guid.Empty, 2L), (left.InstanceId, left.Seq));

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Set<InstanceRow>().Where(i => i.Id == instance)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerSeq, 2L), Ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
            // Forward is how every save moves it.
            Assert.Equal(1, await db.Set<InstanceRow>().Where(i => i.Id == instance)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerSeq, 4L).SetProperty(i => i.LedgerHash, globalHash), Ct));
        }
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
