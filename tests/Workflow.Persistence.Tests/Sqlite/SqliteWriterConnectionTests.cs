using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

/// <summary>
/// The SQLite writer keeps its context, and so its open connection and compiled statements, from one run to the next
/// (<see cref="SqliteSaveQueue"/>): the queue runs dry between groups all the time under load. A quiet store lets it go.
/// </summary>
public sealed class SqliteWriterConnectionTests : StoreTests, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    [Fact]
    public async Task TheWriter_KeepsItsConnectionOpen_FromOneRunToTheNext()
    {
        var connections = new ConnectionCounter();
        var stores = await CreateStoresAsync(connections);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        var queue = QueueOf(stores);
        var opened = connections.Opened;

        for (var n = 0; n < 3; n++)
        {
            // Each save is answered only after its commit, so each is a run of the writer of its own.
            Assert.True((await SaveNewAsync(stores)).Saved);
            Assert.Equal(0, queue.Waiting);
        }

        Assert.Equal(1, connections.Opened - opened);
        Assert.True(queue.KeepsContext);
    }

    [Fact]
    public async Task TheKeptConnection_Closes_WhenNoSaveComesForAWhile()
    {
        var connections = new ConnectionCounter();
        var stores = await CreateStoresAsync(connections);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        var queue = QueueOf(stores);
        queue.KeepOpenFor = TimeSpan.FromMilliseconds(50);
        var closed = connections.Closed;

        Assert.True((await SaveNewAsync(stores)).Saved);
        for (var tries = 0; queue.KeepsContext || connections.Closed == closed; tries++)
        {
            Assert.True(tries < 500, "the writer's connection was not closed");
            await Task.Delay(10, Ct);
        }

        Assert.Equal(1, connections.Closed - closed);
        // The next save opens a connection again and is written as before.
        Assert.True((await SaveNewAsync(stores)).Saved);
    }

    [Fact]
    public async Task DisposingTheStore_ClosesTheWritersKeptConnection()
    {
        var connections = new ConnectionCounter();
        var stores = await CreateStoresAsync(connections);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        var queue = QueueOf(stores);
        Assert.True((await SaveNewAsync(stores)).Saved);
        Assert.True(queue.KeepsContext);
        var closed = connections.Closed;

        // As the host's container does on shutdown: the connection closes without waiting for the idle timer.
        ((IDisposable)stores.Instances).Dispose();

        Assert.False(queue.KeepsContext);
        Assert.Equal(1, connections.Closed - closed);
    }

    [Fact]
    public async Task TheWriter_RunsOnAThreadOfItsOwn_NotThePools()
    {
        // SQLite's calls block: a writer on one of the pool's few threads left the commands it answers waiting for the others.
        var threads = new WriterThreads();
        var stores = await CreateStoresAsync(threads);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);

        Assert.True((await SaveNewAsync(stores)).Saved);

        Assert.NotEmpty(threads.Seen);
        Assert.All(threads.Seen, onPool => Assert.False(onPool));
    }

    private static readonly Dictionary<string, object?> Unit = new() { ["unit"] = "U1" };

    private Task<SaveResult> SaveNewAsync(Stores stores)
    {
        var instance = Engine.Start(InboxFlows.Review.Processes[0], new StartRequest { Variables = Unit }, out _);
        return stores.Instances.SaveAsync([new InstanceChange(instance, 0)], [new HistoryEntry(instance.Id, Clock.Now, "started", null, null, null)], Ct);
    }

    private static SqliteSaveQueue QueueOf(Stores stores)
    {
        using var db = stores.Database.Contexts.CreateDbContext();
        return SqliteSaveQueue.For(db);
    }

    /// <summary>Whether each statement that writes an instance row ran on a thread-pool thread.</summary>
    private sealed class WriterThreads : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<bool> Seen { get; } = new();

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"instances\"", StringComparison.Ordinal))
            {
                Seen.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
            }
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Counts the connections EF opens (not those merely reused while open), and their closes, however they come.</summary>
    private sealed class ConnectionCounter : DbConnectionInterceptor
    {
        private int _opened;
        private int _closed;

        public int Opened => Volatile.Read(ref _opened);
        public int Closed => Volatile.Read(ref _closed);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Count(connection);
            return Task.CompletedTask;
        }

        private void Count(DbConnection connection)
        {
            Interlocked.Increment(ref _opened);
            connection.StateChange += Closing;
        }

        private void Closing(object? sender, System.Data.StateChangeEventArgs change)
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed && sender is DbConnection connection)
            {
                connection.StateChange -= Closing;
                Interlocked.Increment(ref _closed);
            }
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
