using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

/// <summary>How SQLite is set up for several writers: WAL, a busy timeout, and transactions that take the write lock at BEGIN.</summary>
public sealed class SqliteWriterTests : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connections_UseWriteAheadLogging_ABusyTimeout_AndForeignKeys()
    {
        await using var db = await (await _database.OpenAsync()).Contexts.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("30000", await ScalarAsync(connection, "PRAGMA busy_timeout"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA synchronous")); // NORMAL (ADR-006)
    }

    [Fact]
    public async Task Synchronous_IsFull_WhenAsked_OnEveryPooledOpen()
    {
        var connectionString = (await _database.OpenAsync()).Contexts.CreateDbContext().Database.GetConnectionString()!;
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlite(connectionString, synchronous: SqliteSynchronous.Full);
        var contexts = new PooledDbContextFactory<WorkflowDbContext>(options.Options);
        for (var open = 0; open < 3; open++)
        {
            // The pool hands back the same native connection: its pragmas must still hold on each open.
            await using var db = await contexts.CreateDbContextAsync(Ct);
            await db.Database.OpenConnectionAsync(Ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous"));
            Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
        }
    }

    [Fact]
    public async Task Transactions_TakeTheWriteLockWhenTheyBegin()
    {
        // BEGIN IMMEDIATE: a second writer waits at BEGIN (here for 1 s, then gives up) rather than
        // running its reads and failing at its first write, when it could no longer wait.
        var file = (await _database.OpenAsync()).Contexts;
        await using var first = await file.CreateDbContextAsync(Ct);
        await using var held = await first.Database.BeginTransactionAsync(Ct);

        var connectionString = new SqliteConnectionStringBuilder(first.Database.GetConnectionString()) { DefaultTimeout = 1 }.ToString();
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlite(connectionString, busyTimeout: TimeSpan.FromMilliseconds(100));
        await using var second = new PooledDbContextFactory<WorkflowDbContext>(options.Options).CreateDbContext();
        var clock = Stopwatch.StartNew();
        var busy = await Assert.ThrowsAsync<SqliteException>(() => second.Database.BeginTransactionAsync(Ct));
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20));

        await held.RollbackAsync(Ct);
        await using var now = await second.Database.BeginTransactionAsync(Ct);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(Ct))?.ToString();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
