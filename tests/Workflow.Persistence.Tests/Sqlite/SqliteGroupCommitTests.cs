using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

/// <summary>
/// Saves that queue while another is written go into one transaction (<see cref="SqliteSaveQueue"/>): a conflict or a
/// failure undoes only its own save, and the others of the group still commit.
/// </summary>
public sealed class SqliteGroupCommitTests : StoreTests, IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ITestDatabase> OpenAsync() => _database.OpenAsync();

    [Fact]
    public async Task AGroup_CommitsItsGoodSaves_WhenOneConflictsAndOneFails()
    {
        var definition = InboxFlows.Review.Processes[0];
        var blocker = Engine.Start(definition, new StartRequest { Variables = Unit }, out _);
        var good = Enumerable.Range(0, 3).Select(_ => Engine.Start(definition, new StartRequest { Variables = Unit }, out CommandResult _)).ToArray();
        var failing = Engine.Start(definition, new StartRequest { Variables = Unit }, out _);
        var hold = new HoldingInterceptor(blocker.Id, failing.Id);
        var stores = await CreateStoresAsync(hold);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        var deployed = hold.Groups;

        var first = await HeldSaveAsync(stores, hold, blocker);
        // Queued behind the held save, in this order: one group.
        var queued = new[] { Save(stores, good[0]), Save(stores, good[0]), Save(stores, failing), Save(stores, good[1]), Save(stores, good[2]) };
        await WaitUntilAsync(() => QueueOf(stores).Waiting == queued.Length);
        hold.Release.SetResult();

        Assert.True((await first).Saved);
        Assert.True((await queued[0]).Saved);
        Assert.Equal(good[0].Id, (await queued[1]).Conflict); // the same instance inserted again, in the same transaction
        Assert.Equal("simulated failure", (await Assert.ThrowsAsync<InvalidOperationException>(() => queued[2])).Message);
        Assert.True((await queued[3]).Saved);
        Assert.True((await queued[4]).Saved);
        // The held save alone; the five queued behind it, undone at the failure; the five again, with a savepoint each.
        Assert.Equal(3, hold.Groups - deployed);

        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var saved = new[] { blocker.Id, good[0].Id, good[1].Id, good[2].Id };
        Assert.Equal(saved.Order().ToArray(), (await db.Instances.Select(i => i.Id).ToListAsync(Ct)).Order().ToArray());
        Assert.Equal(saved.Order().ToArray(), (await db.Tasks.Select(t => t.InstanceId).ToListAsync(Ct)).Order().ToArray());
        Assert.Empty(await stores.Instances.LoadHistoryAsync(failing.Id, Ct));
        Assert.All(saved, id => Assert.Equal(1, db.Ledger.Count(l => l.InstanceId == id)));
        Assert.True((await new LedgerVerifier(stores.Database.Contexts).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task AConflictAtTheRevisionCheck_LeavesTheGroupAlone_WithoutSavepoints()
    {
        var (stores, hold, blocker, instance) = await HoldingStoresAsync();
        Assert.True((await Save(stores, instance)).Saved);
        var before = hold.Groups;

        var first = await HeldSaveAsync(stores, hold, blocker);
        var completions = Enumerable.Range(0, 2).Select(_ =>
        {
            var copy = InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(instance));
            Assert.True(Engine.CompleteTask(InboxFlows.Review.Processes[0], copy, copy.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
            return stores.Instances.SaveAsync([new InstanceChange(copy, 1)], [new HistoryEntry(copy.Id, Clock.Now, "task-completed", "review", "alice", null)], Ct);
        }).ToArray();
        await WaitUntilAsync(() => QueueOf(stores).Waiting == completions.Length);
        hold.Release.SetResult();

        Assert.True((await first).Saved);
        Assert.True((await completions[0]).Saved);
        Assert.Equal(instance.Id, (await completions[1]).Conflict);
        Assert.Equal(2, hold.Groups - before); // the held save, then the two completions in one plain transaction
        Assert.Equal(2, (await stores.Instances.LoadAsync(instance.Id, Ct))!.Revision);
        Assert.True((await new LedgerVerifier(stores.Database.Contexts).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task ManyConcurrentCommands_AreAllWritten_AndTheLedgerVerifies()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instances = Enumerable.Range(0, 60).Select(n => Engine.Start(definition, unit: $"U{n % 3}")).ToArray();
        Assert.All(await Task.WhenAll(instances.Select(i => Task.Run(() => Save(stores, i), Ct))), s => Assert.True(s.Saved));

        // Then each completed by two racing commands: exactly one of each pair wins.
        var completions = instances.SelectMany(i => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var copy = InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(i));
            Assert.True(Engine.CompleteTask(definition.Definition, copy, copy.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
            return await stores.Instances.SaveAsync([new InstanceChange(copy, 1)], [new HistoryEntry(copy.Id, Clock.Now, "task-completed", "review", "alice", null)], Ct);
        }, Ct))).ToArray();
        var results = await Task.WhenAll(completions);

        Assert.Equal(instances.Length, results.Count(r => r.Saved));
        Assert.Equal(instances.Select(i => i.Id).Order().ToArray(), results.Where(r => !r.Saved).Select(r => r.Conflict!.Value).Order().ToArray());
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(instances.Length * 2, await db.Ledger.CountAsync(l => l.InstanceId != Guid.Empty, Ct)); // the global stream has the deployment
        Assert.Equal(0, await db.Tasks.CountAsync(t => t.State == Tasks.TaskState.Open, Ct));
        Assert.True((await new LedgerVerifier(stores.Database.Contexts).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task TheLog_IsCopiedIntoTheDatabaseFile_AfterEnoughGroupCommits()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var (file, keepOpen) = await KeepOpenAsync(stores);
        await using var _ = keepOpen;
        var before = new FileInfo(file).Length;

        // One at a time: each save is a group commit of its own. No connection checkpoints by itself (wal_autocheckpoint = 0),
        // so only the queue's checkpoint can bring the file beyond what the migrations left in it.
        for (var n = 0; n < WalCheckpoints.CommitsPerCheckpoint; n++)
        {
            var saved = await Save(stores, Engine.Start(definition, unit: "U1"));
            Assert.True(saved.Saved, $"save {n} conflicted on {saved.Conflict}");
        }

        await WaitUntilAsync(() => new FileInfo(file).Length > before);
        Assert.True(new FileInfo(file + "-wal").Exists, $"the log is gone: the file grew by a last connection's close, not by the queue ({keepOpen.State})");
    }

    [Fact]
    public async Task TheLog_StartsAgainFromItsBeginning_WhileSavesKeepComing()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var (file, keepOpen) = await KeepOpenAsync(stores);
        await using var _ = keepOpen;
        var log = file + "-wal";
        var restarts = RestartsOf(log);

        // Eight savers without pause: the writer appends to the log while each passive checkpoint copies it, so the log is never
        // copied to its end by those alone, and without the writer's restart it would only grow.
        var saves = 0;
        var savers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (RestartsOf(log) == restarts && Interlocked.Increment(ref saves) <= 20_000)
            {
                Assert.True((await Save(stores, Engine.Start(definition, unit: "U1"))).Saved);
            }
        }, Ct)).ToArray();
        await Task.WhenAll(savers);

        Assert.True(RestartsOf(log) > restarts, $"the log did not restart in {saves} saves");
    }

    /// <summary>
    /// The database file of <paramref name="stores"/>, and a connection to it kept open for the test, having read: when the last
    /// connection to a file closes (another test clearing the connection pools may close the pooled ones), SQLite checkpoints
    /// and removes the log itself, which would pass a test of the queue's checkpoints for the wrong reason or leave no log to read.
    /// </summary>
    private static async Task<(string File, Microsoft.Data.Sqlite.SqliteConnection KeepOpen)> KeepOpenAsync(Stores stores)
    {
        string connectionString;
        await using (var db = await stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            connectionString = db.Database.GetConnectionString()!;
        }
        var keepOpen = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await keepOpen.OpenAsync(Ct);
        // Opening alone does not count: a connection holds its share of the log (and SQLite creates the log if the last close
        // removed it) only once it has read through it.
        await using var read = keepOpen.CreateCommand();
        read.CommandText = "SELECT count(*) FROM sqlite_master";
        await read.ExecuteScalarAsync(Ct);
        return (new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource, keepOpen);
    }

    /// <summary>Stores whose saves of <c>blocker</c> can be held (<see cref="HeldSaveAsync"/>), the flow deployed, and one more instance to save.</summary>
    private async Task<(Stores Stores, HoldingInterceptor Hold, ProcessInstance Blocker, ProcessInstance Other)> HoldingStoresAsync()
    {
        var definition = InboxFlows.Review.Processes[0];
        var blocker = Engine.Start(definition, new StartRequest { Variables = Unit }, out _);
        var other = Engine.Start(definition, new StartRequest { Variables = Unit }, out _);
        var hold = new HoldingInterceptor(blocker.Id, failing: Guid.Empty);
        var stores = await CreateStoresAsync(hold);
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        return (stores, hold, blocker, other);
    }

    /// <summary>
    /// The log header's checkpoint sequence number: SQLite counts it up each time the log starts again. A log that is not
    /// there, or has no header yet (a log SQLite made afresh is empty until the first commit, and counts from 0), is at 0.
    /// </summary>
    private static uint RestartsOf(string log)
    {
        if (!File.Exists(log))
        {
            return 0;
        }
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            ? 0
            : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }

    [Fact]
    public async Task ACancelledSave_ThatWaitsItsTurn_IsNotWritten()
    {
        var (stores, hold, blocker, cancelled) = await HoldingStoresAsync();

        var first = await HeldSaveAsync(stores, hold, blocker);
        using var cancel = new CancellationTokenSource();
        var waiting = stores.Instances.SaveAsync([new InstanceChange(cancelled, 0)], [Started(cancelled)], cancel.Token);
        await WaitUntilAsync(() => QueueOf(stores).Waiting == 1);
        await cancel.CancelAsync();
        hold.Release.SetResult();

        Assert.True((await first).Saved);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Null(await stores.Instances.LoadAsync(cancelled.Id, Ct));
    }

    [Fact]
    public async Task AfterAGroupOfSeveral_TheWriterLetsTheNextGroupFill()
    {
        var definition = InboxFlows.Review.Processes[0];
        var (stores, hold, blocker, _) = await HoldingStoresAsync();
        var queue = QueueOf(stores);
        queue.FillWait = TimeSpan.FromSeconds(5);
        var instances = Enumerable.Range(0, 6).Select(_ => Engine.Start(definition, new StartRequest { Variables = Unit }, out CommandResult _)).ToArray();
        var first = await HeldSaveAsync(stores, hold, blocker);
        var several = instances[..SqliteSaveQueue.FillTo].Select(i => Save(stores, i)).ToArray();
        await WaitUntilAsync(() => queue.Waiting == several.Length);
        hold.Release.SetResult();
        Assert.True((await first).Saved);
        Assert.All(await Task.WhenAll(several), r => Assert.True(r.Saved));
        var before = hold.Groups;

        var lone = Save(stores, instances[3]);
        await Task.Delay(300, Ct);
        Assert.False(lone.IsCompleted, "a save after a group of several waits for the next ones");
        var rest = new[] { Save(stores, instances[4]), Save(stores, instances[5]) };

        Assert.True((await lone.WaitAsync(TimeSpan.FromSeconds(4), Ct)).Saved);
        Assert.All(await Task.WhenAll(rest), r => Assert.True(r.Saved));
        Assert.Equal(1, hold.Groups - before);
    }

    [Fact]
    public async Task AfterASmallGroup_ASaveIsWrittenWithoutWaiting()
    {
        var (stores, _, _, other) = await HoldingStoresAsync();
        QueueOf(stores).FillWait = TimeSpan.FromMinutes(5);

        Assert.True((await Save(stores, other).WaitAsync(TimeSpan.FromSeconds(30), Ct)).Saved);
    }

    private static readonly Dictionary<string, object?> Unit = new() { ["unit"] = "U1" };

    private Task<SaveResult> Save(Stores stores, ProcessInstance instance) =>
        stores.Instances.SaveAsync([new InstanceChange(instance, 0)], [Started(instance)], Ct);

    /// <summary>Saves <paramref name="blocker"/> and returns once its insert is held, so that the saves after it queue.</summary>
    private async Task<Task<SaveResult>> HeldSaveAsync(Stores stores, HoldingInterceptor hold, ProcessInstance blocker)
    {
        var first = Save(stores, blocker);
        await hold.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return first;
    }

    private HistoryEntry Started(ProcessInstance instance) => new(instance.Id, Clock.Now, "started", null, null, null);

    private static SqliteSaveQueue QueueOf(Stores stores)
    {
        using var db = stores.Database.Contexts.CreateDbContext();
        return SqliteSaveQueue.For(db);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var tries = 0; !condition(); tries++)
        {
            Assert.True(tries < 3000, "the saves did not queue");
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>
    /// Holds the insert of <c>blocker</c> until released, so that other saves queue behind it; fails the task rows of
    /// <c>failing</c>; counts the transactions begun (a group is one).
    /// </summary>
    private sealed class HoldingInterceptor(Guid blocker, Guid failing) : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Groups => _groups;
        private int _groups;

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Names(command, blocker) && command.CommandText.Contains("instances", StringComparison.Ordinal))
            {
                Holding.TrySetResult();
                await Release.Task;
            }
            if (Names(command, failing) && command.CommandText.Contains("tasks", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("simulated failure");
            }
            return result;
        }

        private static bool Names(DbCommand command, Guid id) =>
            id != Guid.Empty && command.Parameters.Cast<DbParameter>().Any(p => p.Value is Guid g && g == id || p.Value is string s && string.Equals(s, id.ToString(), StringComparison.OrdinalIgnoreCase));

        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _groups);
            return ValueTask.FromResult(result);
        }

        public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Interlocked.Increment(ref _groups);
            return result;
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
