using System.Data.Common;
using Microsoft.Data.Sqlite;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.Tests.Sqlite;

/// <summary>
/// The instance store's SQLite reads run on connections kept open (<see cref="ReadConnections"/>): each read sees the latest
/// commit, a connection serves one read at a time and keeps its compiled statement, and nothing stays open once reads stop.
/// </summary>
public sealed class SqliteReadConnectionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"workflow-reads-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _writer;

    public SqliteReadConnectionTests()
    {
        _writer = new SqliteConnection(ConnectionString);
        _writer.Open();
        Write("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER NOT NULL);");
    }

    private string ConnectionString => $"Data Source={_path}";

    [Fact]
    public async Task EachRead_SeesTheLatestCommit_OnOneKeptConnection()
    {
        using var reads = Reads();
        Write("INSERT INTO t VALUES (1)");
        Assert.Equal(1L, await CountAsync(reads));

        Write("INSERT INTO t VALUES (2)");
        Assert.Equal(2L, await CountAsync(reads));
        Assert.Equal(1, reads.Idle);
    }

    [Fact]
    public async Task ConcurrentReads_GetConnectionsOfTheirOwn_AndAtMostTheCapacityIsKept()
    {
        using var reads = Reads();
        var inside = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = ReadConnections.Capacity + 2;

        // Every read holds its connection until all of them hold one: they cannot share.
        var tasks = Enumerable.Range(0, readers).Select(_ => reads.QueryAsync("SELECT COUNT(*) FROM t", _ => { }, async reader =>
        {
            if (Interlocked.Increment(ref inside) == readers)
            {
                all.SetResult();
            }
            await all.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            return await reader.ReadAsync(Ct);
        }, Ct)).ToArray();
        await Task.WhenAll(tasks);

        Assert.Equal(ReadConnections.Capacity, reads.Idle);
    }

    [Fact]
    public async Task AFailedRead_DoesNotKeepItsConnection()
    {
        using var reads = Reads();
        await CountAsync(reads);

        await Assert.ThrowsAsync<SqliteException>(() => reads.QueryAsync("SELECT nothing FROM nowhere", _ => { }, r => r.ReadAsync(Ct), Ct));

        Assert.Equal(0, reads.Idle);
        Assert.Equal(0L, await CountAsync(reads));
    }

    [Fact]
    public async Task IdleConnections_Close_AndDisposeClosesTheRest()
    {
        using var reads = Reads(TimeSpan.FromMilliseconds(100));
        await CountAsync(reads);
        for (var tries = 0; reads.Idle > 0; tries++)
        {
            Assert.True(tries < 500, "the idle connection was not closed");
            await Task.Delay(10, Ct);
        }

        await CountAsync(reads);
        Assert.Equal(1, reads.Idle);
        reads.Dispose();
        Assert.Equal(0, reads.Idle);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => CountAsync(reads));
    }

    [Fact]
    public async Task Parameters_AreBoundAnewForEveryRead()
    {
        using var reads = Reads();
        Write("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); INSERT INTO t VALUES (2);");

        Assert.Equal(1L, await CountWhereAsync(reads, 1));
        Assert.Equal(2L, await CountWhereAsync(reads, 2));
        Assert.Equal(0L, await CountWhereAsync(reads, 3));
    }

    private ReadConnections Reads(TimeSpan? idle = null) => new(SqliteFactory.Instance, ConnectionString, idle);

    private static Task<long> CountAsync(ReadConnections reads) =>
        reads.QueryAsync("SELECT COUNT(*) FROM t", _ => { }, async r => await r.ReadAsync(Ct) ? r.GetInt64(0) : -1, Ct);

    private static Task<long> CountWhereAsync(ReadConnections reads, int n) =>
        reads.QueryAsync("SELECT COUNT(*) FROM t WHERE n = @p0", c => c.Parameters.Add(new SqliteParameter("@p0", n)),
            async r => await r.ReadAsync(Ct) ? r.GetInt64(0) : -1, Ct);

    private void Write(string sql)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
