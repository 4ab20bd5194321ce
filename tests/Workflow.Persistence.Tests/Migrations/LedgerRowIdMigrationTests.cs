using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Sqlite;

namespace Workflow.Persistence.Tests.Migrations;

/// <summary>
/// SQLite's ledger ids are plain rowids since <c>LedgerRowIdWithoutAutoincrement</c>: the rebuild keeps every row, id and
/// hash and the append-only triggers, new ids still follow the highest, and the way back restores <c>AUTOINCREMENT</c>.
/// </summary>
public sealed class LedgerRowIdMigrationTests : IAsyncLifetime
{
    private const string Before = "InstanceLedgerHeads";

    private static readonly DateTimeOffset At = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"workflow-ledger-id-{Guid.NewGuid():N}.db");
    private readonly Guid _stream = Guid.CreateVersion7(At);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_KeepsRowsIdsAndTriggers_AndNewIdsFollowTheHighest()
    {
        await MigrateToAsync(Before);
        await AppendAsync("first", "second");
        var before = await ScalarsAsync("SELECT id || ':' || instance_id || ':' || hex(hash) FROM ledger ORDER BY id");
        Assert.Contains("AUTOINCREMENT", await TableSqlAsync(), StringComparison.Ordinal);

        await MigrateToAsync(null);

        Assert.DoesNotContain("AUTOINCREMENT", await TableSqlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await ScalarsAsync("SELECT id || ':' || instance_id || ':' || hex(hash) FROM ledger ORDER BY id"));
        await AppendAsync("third");
        Assert.Equal(["1", "2", "3"], await ScalarsAsync("SELECT id FROM ledger ORDER BY seq"));
        Assert.True((await new LedgerVerifier(new PooledDbContextFactory<WorkflowDbContext>(Options())).VerifyAsync(Ct)).Ok);
        await using var db = new WorkflowDbContext(Options());
        foreach (var tamper in new[] { "DELETE FROM ledger", "UPDATE ledger SET actor = 'someone.else'" })
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(tamper, Ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Down_RestoresAutoincrement_KeepingTheRows()
    {
        await MigrateToAsync(null);
        await AppendAsync("first", "second");

        await MigrateToAsync(Before);

        Assert.Contains("AUTOINCREMENT", await TableSqlAsync(), StringComparison.Ordinal);
        Assert.Equal(["1", "2"], await ScalarsAsync("SELECT id FROM ledger ORDER BY seq"));
        Assert.Equal(["2"], await ScalarsAsync("SELECT seq FROM sqlite_sequence WHERE name = 'ledger'"));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ScalarsAsync("DELETE FROM ledger"));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
        return ValueTask.CompletedTask;
    }

    private DbContextOptions<WorkflowDbContext> Options() =>
        ((DbContextOptionsBuilder<WorkflowDbContext>)new DbContextOptionsBuilder<WorkflowDbContext>().UseWorkflowSqlite($"Data Source={_path}")).Options;

    /// <summary>Migrates to the migration whose name ends with <paramref name="name"/>, or to the latest.</summary>
    private async Task MigrateToAsync(string? name)
    {
        await using var db = new WorkflowDbContext(Options());
        var target = name is null ? null : db.Database.GetMigrations().Single(m => m.EndsWith("_" + name, StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(target, Ct);
    }

    private async Task AppendAsync(params string[] kinds)
    {
        await using var db = new WorkflowDbContext(Options());
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await LedgerWriter.AppendAsync(db, [.. kinds.Select(k => new HistoryEntry(_stream, At, k, null, "system", null))], LedgerComponents.Engine, Ct);
        await transaction.CommitAsync(Ct);
    }

    private async Task<string> TableSqlAsync() => Assert.Single(await ScalarsAsync("SELECT sql FROM sqlite_schema WHERE name = 'ledger'"));

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync(Ct);
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return values;
    }
}
