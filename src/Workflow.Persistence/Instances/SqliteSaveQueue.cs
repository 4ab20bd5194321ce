using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Instances;

/// <summary>
/// The saves of this process to one SQLite database (by connection string), written by one writer in arrival order and
/// committed in groups: what queued while a group was written goes into the next transaction.
/// </summary>
/// <remarks>
/// <para>
/// SQLite admits one writer per file. Each save in a transaction of its own paid its own <c>BEGIN IMMEDIATE</c> and
/// <c>COMMIT</c> and wrote every page it touched — the right-most leaves of the ledger and task indexes, the ledger
/// heads — as whole WAL frames, all under the write lock (ADR-010). In a group those pages are written once per commit.
/// </para>
/// <para>
/// A save that conflicts or fails changes nothing, and the others of its group still commit: a conflict found by the first
/// revision check has written nothing, and on anything else the group is rolled back and run again with one savepoint per
/// save, rolled back for that save alone. Every caller is answered only after the commit that holds its writes, or with
/// the commit's failure.
/// Saves are grouped only with saves of the same context factory, so that each runs on the contexts its store was given.
/// SQLite's busy timeout still covers writers in other processes.
/// </para>
/// </remarks>
internal sealed class SqliteSaveQueue
{
    /// <summary>Saves in one transaction at most: bounds the wait of the first save of a group.</summary>
    internal const int MaxGroup = 16;

    /// <summary>
    /// After a group of at least this many saves, the writer lets the next group fill up to this many before it writes
    /// (for <see cref="FillWait"/> at most). With a handful of commands in flight the queue never holds many saves at
    /// once: groups of three or four each paid their own commit, their own WAL frames of the pages they share (the
    /// rightmost leaves of the task, candidate and ledger indexes), and often a writer thread of their own. Letting the
    /// next group fill cut the CPU per task completion by a tenth at 8 workers and raised throughput as much (ADR-010,
    /// amendment 9). A save that comes after small groups — one person working, a quiet system — is never held.
    /// </summary>
    internal const int FillTo = 3;

    /// <summary>How long the writer waits at most for the next group to fill (<see cref="FillTo"/>).</summary>
    internal TimeSpan FillWait { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The size of the group written last: whether commands are many enough to wait for.</summary>
    private int _lastGroup;

    private static readonly ConcurrentDictionary<string, SqliteSaveQueue> Queues = new(StringComparer.Ordinal);

    private readonly Queue<Pending> _pending = new();
    private bool _writing;

    /// <summary>
    /// The writer's context between runs, its connection open (under <see cref="_pending"/>'s lock): with many commands the
    /// queue runs dry between groups all the time, and a writer that gave its context back each time paid for a context
    /// reset, a connection open and every statement compiled again (a fifth of its time).
    /// </summary>
    private WorkflowDbContext? _kept;
    private IDbContextFactory<WorkflowDbContext>? _keptContexts;
    private ITimer? _idleClose;

    /// <summary>How long the writer's context stays open with no save to write.</summary>
    internal TimeSpan KeepOpenFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the writer's context is kept open between runs now.</summary>
    internal bool KeepsContext
    {
        get
        {
            lock (_pending)
            {
                return _kept is not null;
            }
        }
    }

    /// <summary>Saves waiting for their turn (not counting the group being written).</summary>
    internal int Waiting
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The queue of the context's database.</summary>
    public static SqliteSaveQueue For(WorkflowDbContext db) =>
        Queues.GetOrAdd(db.Database.GetConnectionString() ?? "", static _ => new SqliteSaveQueue());

    /// <summary>Queues <paramref name="work"/>; completes when the transaction holding it has committed or it failed.</summary>
    public Task<SaveResult> SaveAsync(SaveWork work, IDbContextFactory<WorkflowDbContext> contexts, CancellationToken cancellationToken)
    {
        var pending = new Pending(work, contexts, cancellationToken);
        bool start;
        lock (_pending)
        {
            _pending.Enqueue(pending);
            if (_pending.Count == FillTo)
            {
                // The writer may be waiting for the group to fill (TakeGroup).
                Monitor.Pulse(_pending);
            }
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            // Off the caller's flow: the writer serves whoever queues until the queue runs dry.
            OwnThread.Start(WriteAllAsync);
        }
        return pending.Result.Task;
    }

    private async Task WriteAllAsync()
    {
        // One context, its connection open, for as long as saves keep coming and a few seconds after: the writer does not rent,
        // open and reset a context per group. A new one is taken for saves of another store's contexts, and after a failed group.
        var db = TakeKept();
        try
        {
            while (TakeGroup(ref db) is { Count: > 0 } group)
            {
                if (db is not null && group[0].Contexts != _writerContexts)
                {
                    db = Dispose(db);
                }
                if (db is null)
                {
                    _writerContexts = group[0].Contexts;
                    db = await CreateAsync(_writerContexts, group).ConfigureAwait(false);
                    if (db is null)
                    {
                        continue;
                    }
                }
                var run = await WriteGroupAsync(db, group, savepoints: false).ConfigureAwait(false);
                if (run == GroupRun.Redo)
                {
                    run = await WriteGroupAsync(db, group, savepoints: true).ConfigureAwait(false);
                }
                if (run == GroupRun.Failed)
                {
                    db = Dispose(db);
                }
                else
                {
                    _checkpoints.Committed(group[0].Contexts);
                    await _checkpoints.RestartIfDueAsync(db).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Only when the loop ended by an exception: a loop that ran dry has kept its context (TakeGroup).
            if (db is not null)
            {
                Dispose(db);
            }
        }
    }

    /// <summary>
    /// Disposes a writer's context, now (SQLite closes synchronously); returns null. A context whose connection broke may
    /// throw here: that must not stop the writer, or every later save would wait for ever (what it wrote was already
    /// answered, committed or failed).
    /// </summary>
    private static WorkflowDbContext? Dispose(WorkflowDbContext db)
    {
        try
        {
            db.Dispose();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // Nothing to undo: the transaction was rolled back or committed before.
        }
        return null;
    }

    /// <summary>A context for the writer, or null when none could be made (then the group is answered with the failure).</summary>
    private static async Task<WorkflowDbContext?> CreateAsync(IDbContextFactory<WorkflowDbContext> contexts, List<Pending> group)
    {
        try
        {
            return await contexts.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var pending in group)
            {
                pending.Result.TrySetException(e);
            }
            return null;
        }
    }

    private IDbContextFactory<WorkflowDbContext>? _writerContexts;
    private readonly WalCheckpoints _checkpoints = new();

    /// <summary>
    /// The next group; when there is none, the writer stops, and its context (<paramref name="db"/>, then null) is kept for the
    /// next writer — in the same lock, so that a save queued right after finds it.
    /// </summary>
    private List<Pending> TakeGroup(ref WorkflowDbContext? db)
    {
        var group = new List<Pending>();
        WorkflowDbContext? replaced = null;
        lock (_pending)
        {
            if (_lastGroup >= FillTo && _pending.Count < FillTo)
            {
                // Commands are many: the next few saves are moments away. The lock is released while waiting.
                Monitor.Wait(_pending, FillWait);
            }
            while (group.Count < MaxGroup && _pending.TryPeek(out var next) && (group.Count == 0 || next.Contexts == group[0].Contexts))
            {
                group.Add(_pending.Dequeue());
            }
            _writing = group.Count > 0;
            _lastGroup = group.Count;
            if (!_writing && db is not null)
            {
                (replaced, _kept, _keptContexts, db) = (_kept, db, _writerContexts, null);
                _idleClose ??= TimeProvider.System.CreateTimer(_ => CloseIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _idleClose.Change(KeepOpenFor, Timeout.InfiniteTimeSpan);
            }
        }
        if (replaced is not null)
        {
            Dispose(replaced);
        }
        return group;
    }

    /// <summary>The context the last writer kept, if any (the writer's factory set to its).</summary>
    private WorkflowDbContext? TakeKept()
    {
        lock (_pending)
        {
            var kept = _kept;
            if (kept is not null)
            {
                _writerContexts = _keptContexts;
                (_kept, _keptContexts) = (null, null);
            }
            return kept;
        }
    }

    /// <summary>Closes the kept context once no writer has taken it for <see cref="KeepOpenFor"/>: a quiet store holds no file open.</summary>
    private void CloseIdle() => CloseKept(null);

    /// <summary>Closes the kept context now if it was made by <paramref name="contexts"/> (a store being disposed).</summary>
    public void Release(IDbContextFactory<WorkflowDbContext> contexts) => CloseKept(contexts);

    private void CloseKept(IDbContextFactory<WorkflowDbContext>? only)
    {
        WorkflowDbContext? idle = null;
        lock (_pending)
        {
            if (only is null || _keptContexts == only)
            {
                (idle, _kept, _keptContexts) = (_kept, null, null);
            }
        }
        if (idle is not null)
        {
            Dispose(idle);
        }
    }

    private enum GroupRun
    {
        Committed,
        Failed,
        Redo,
    }

    /// <summary>
    /// Writes and commits one group on <paramref name="db"/>. Without <paramref name="savepoints"/>, the group runs as one plain
    /// transaction — SQLite copies every page a savepoint touches into a statement journal, about a tenth of the writer's
    /// time — and is rolled back and asked to be run again with them (<see cref="GroupRun.Redo"/>) as soon as a save fails or
    /// conflicts after writing. A conflict found by the first revision check has written nothing and needs no undoing.
    /// </summary>
    /// <returns><see cref="GroupRun.Failed"/> when the transaction failed (every save was answered with the failure).</returns>
    private static async Task<GroupRun> WriteGroupAsync(WorkflowDbContext db, List<Pending> group, bool savepoints)
    {
        var outcomes = new Outcome[group.Count];
        try
        {
            await db.Database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            // BEGIN IMMEDIATE on SQLite: the write lock is taken now, not on a later lock upgrade that could fail.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            for (var n = 0; n < group.Count; n++)
            {
                if (savepoints)
                {
                    outcomes[n] = await WriteOneAsync(db, transaction, group[n]).ConfigureAwait(false);
                }
                else if (await WriteUndoneAsync(db, group[n]).ConfigureAwait(false) is { } outcome)
                {
                    outcomes[n] = outcome;
                }
                else
                {
                    return GroupRun.Redo; // disposing the transaction rolls the group back
                }
            }
            if (outcomes.Any(o => o.Result is { Saved: true }))
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // The transaction did not commit: no save of the group was written, whatever its savepoint said.
            foreach (var pending in group)
            {
                pending.Result.TrySetException(e);
            }
            return GroupRun.Failed;
        }
        for (var n = 0; n < group.Count; n++)
        {
            outcomes[n].Answer(group[n]);
        }
        return GroupRun.Committed;
    }

    /// <summary>One save without a savepoint: its outcome, or null when it failed or wrote before conflicting (undo the group).</summary>
    private static async Task<Outcome?> WriteUndoneAsync(WorkflowDbContext db, Pending pending)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, null, Cancelled: true);
        }
        try
        {
            var result = await pending.Work.WriteAsync(db, CancellationToken.None).ConfigureAwait(false);
            return result.Saved || !pending.Work.WroteBeforeConflict ? new Outcome(result, null) : null;
        }
        catch (Exception)
        {
            // Run again with a savepoint, which undoes only this save and tells its failure apart from a lost insert race.
            return null;
        }
    }

    private const string Savepoint = "save";

    private static async Task<Outcome> WriteOneAsync(WorkflowDbContext db, IDbContextTransaction transaction, Pending pending)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, null, Cancelled: true);
        }
        await transaction.CreateSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        SaveResult conflict = default;
        Exception? failure = null;
        try
        {
            // Not the caller's token: once its turn has come, a save runs to its savepoint's end so the group stays whole.
            conflict = await pending.Work.WriteAsync(db, CancellationToken.None).ConfigureAwait(false);
            if (conflict.Saved)
            {
                await transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                return new Outcome(conflict, null);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        await transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        if (failure is null)
        {
            return new Outcome(conflict, null);
        }
        // Only now, with this save's own rows rolled back, can an existing instance mean that another command inserted it.
        return await pending.Work.ExplainAsync(db, failure, CancellationToken.None).ConfigureAwait(false) is { } explained
            ? new Outcome(explained, null)
            : new Outcome(null, failure);
    }

    private sealed class Pending(SaveWork work, IDbContextFactory<WorkflowDbContext> contexts, CancellationToken cancellationToken)
    {
        public SaveWork Work { get; } = work;
        public IDbContextFactory<WorkflowDbContext> Contexts { get; } = contexts;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<SaveResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Outcome(SaveResult? Result, Exception? Failure, bool Cancelled = false)
    {
        public void Answer(Pending pending)
        {
            if (Cancelled)
            {
                pending.Result.TrySetCanceled(pending.CancellationToken);
            }
            else if (Failure is not null)
            {
                pending.Result.TrySetException(Failure);
            }
            else
            {
                pending.Result.TrySetResult(Result!.Value);
            }
        }
    }
}
