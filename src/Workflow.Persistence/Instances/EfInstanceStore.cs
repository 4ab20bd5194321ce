using System.Data.Common;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Instance state in the <c>instances</c> table, with the <c>tasks</c> and <c>timers</c> tables kept in
/// step and <c>history</c> appended, all in one transaction per <see cref="SaveAsync"/>.
/// </summary>
/// <remarks>
/// Optimistic concurrency is an <c>UPDATE … SET revision = revision + 1 WHERE id = @id AND revision = @expected</c>:
/// no row updated means another command saved first, and the whole transaction is rolled back.
/// The hot path (load, save) uses statements of its own on the context's connection and transaction rather than
/// change tracking: a task completion is two reads and one round trip to save on PostgreSQL (<see cref="SaveWork.OneTripAsync"/>),
/// three on SQL Server (ADR-006). Column names and value conversions still come from the EF model.
/// </remarks>
/// <param name="contexts">Creates a context per operation.</param>
/// <param name="definitions">Gives task names and candidate roles; a task whose definition is unknown gets neither.</param>
/// <param name="clock">Stamps <see cref="TaskRow.ClosedAt"/>; the system clock by default.</param>
/// <param name="ledger">
/// Appends the history to the ledger: <see cref="LedgerWriter"/>, the default and the only production implementation.
/// Another appender is for the <c>db-load</c> benchmark's measurement of the ledger's cost only (<see cref="ILedgerAppender"/>).
/// </param>
public sealed class EfInstanceStore(IDbContextFactory<WorkflowDbContext> contexts, IDefinitionStore definitions, TimeProvider? clock = null,
    ILedgerAppender? ledger = null) : IInstanceStore, IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILedgerAppender _ledger = ledger ?? LedgerWriter.Instance;
    private SqliteSaveQueue? _sqlite;
    private InstanceLoads? _loads;
    private ReadConnections? _reads;
    private volatile bool _disposed;

    /// <inheritdoc />
    public Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        LoadAsync(l => l.ById, (l, c) => l.BindId(c, instanceId), InstanceLoads.ReadAsync, cancellationToken);

    /// <inheritdoc />
    public Task<StoredInstance?> LoadByTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        LoadAsync(l => l.ByTask, (l, c) => l.BindTask(c, taskId), InstanceLoads.ReadAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredInstance>> LoadWithCaseByTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        LoadAsync(l => l.WithCaseByTask, (l, c) => l.BindTask(c, taskId), InstanceLoads.ReadAllAsync, cancellationToken);

    /// <summary>
    /// Runs a load: on SQLite through a connection kept open for reads, elsewhere on a context's connection (where Npgsql's
    /// automatic preparation keeps the statement). The ledger head read with the instance is handed back with its save
    /// (<see cref="InstanceProjection.StoreState"/>), so that the ledger append need not read and lock it again: once the
    /// save's revision check passes, no other command can have moved it (the head update checks that too).
    /// </summary>
    private async Task<T> LoadAsync<T>(Func<InstanceLoads, string> text, Action<InstanceLoads, DbCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (_loads is { } loads && _reads is { } reads)
        {
            return await reads.QueryAsync(text(loads), c => bind(loads, c), r => read(r, ct), ct).ConfigureAwait(false);
        }
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        loads = _loads ??= new InstanceLoads(StoreSql.For(db), caseWithTask: !db.IsSqlite);
        if (db.IsSqlite)
        {
            reads = ReadsOf(db);
            return await reads.QueryAsync(text(loads), c => bind(loads, c), r => read(r, ct), ct).ConfigureAwait(false);
        }
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text(loads);
        bind(loads, command);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, ct).ConfigureAwait(false);
    }

    /// <summary>The SQLite database's read connections of this store, made on first use.</summary>
    private ReadConnections ReadsOf(WorkflowDbContext db)
    {
        if (_reads is { } reads)
        {
            return reads;
        }
        var connection = db.Database.GetDbConnection();
        var made = new ReadConnections(DbProviderFactories.GetFactory(connection) ?? throw new InvalidOperationException("no provider factory"),
            db.Database.GetConnectionString() ?? connection.ConnectionString);
        if (Interlocked.CompareExchange(ref _reads, made, null) is { } other)
        {
            made.Dispose();
            return other;
        }
        if (_disposed)
        {
            made.Dispose();
        }
        return made;
    }

    /// <summary>
    /// Closes the connections kept for reads, and the SQLite writer's if it is idle on this store's contexts: a host that
    /// shuts down closes its connections, and the last to close copies the write-ahead log into the database file.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _reads?.Dispose();
        _sqlite?.Release(contexts);
    }

    /// <inheritdoc />
    public async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0 && history.Count == 0)
        {
            return SaveResult.Ok;
        }
        var work = new SaveWork(changes, history, definitions, _clock, _ledger);
        if (_sqlite is { } queue)
        {
            return await queue.SaveAsync(work, contexts, cancellationToken).ConfigureAwait(false);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.IsSqlite)
        {
            // A store's contexts all open the same database: the queue is looked up once.
            _sqlite = SqliteSaveQueue.For(db);
            return await _sqlite.SaveAsync(work, contexts, cancellationToken).ConfigureAwait(false);
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => SaveInTransactionAsync(db, work, ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SaveResult> SaveInTransactionAsync(WorkflowDbContext db, SaveWork work, CancellationToken ct)
    {
        if (db.IsNpgsql && await work.OneTripAsync(db, ct).ConfigureAwait(false) is { } batch)
        {
            return await SaveInOneTripAsync(db, work, batch, ct).ConfigureAwait(false);
        }
        return await SaveInEfTransactionAsync(db, work, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a save built by <see cref="SaveWork.OneTripAsync"/>. The batch is its own transaction: a failure on the way (a
    /// revision guard, a key taken, a lost connection) leaves nothing of it committed.
    /// </summary>
    private static async Task<SaveResult> SaveInOneTripAsync(WorkflowDbContext db, SaveWork work, SqlBatch batch, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await batch.ExecuteAsync(ct).ConfigureAwait(false);
            return SaveResult.Ok;
        }
        catch (DbException e)
        {
            if (RevisionGuard.ConflictOf(e) is { } id)
            {
                return SaveResult.ConflictOn(id);
            }
            if (await work.ExplainAsync(db, e, ct).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<SaveResult> SaveInEfTransactionAsync(WorkflowDbContext db, SaveWork work, CancellationToken ct)
    {
        // Opened here, not by the transaction, so that it stays open for the checks after a rollback.
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        Exception failure;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            try
            {
                var result = await work.WriteAsync(db, ct).ConfigureAwait(false);
                if (result.Saved)
                {
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                return result; // a conflict is rolled back by disposing the transaction
            }
            catch (DbException e)
            {
                // Perhaps a concurrent insert of the same id; found out below, after the rollback.
                failure = e;
            }
        }
        if (await work.ExplainAsync(db, failure, ct).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }
        ExceptionDispatchInfo.Throw(failure);
        return default; // not reached
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        LedgerQueries.LoadStreamAsync(contexts, instanceId, cancellationToken);

    /// <inheritdoc />
    public async Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var t = StoreSql.For(db).Tasks;
        var query = new SqlBatch(db)
            .Sql($"SELECT {t["InstanceId"]} FROM {t.Name} WHERE {t["Id"]} = ").Value(t, "Id", taskId)
            .Sql($" AND {t["State"]} = ").Value(t, "State", TaskState.Open);
        return await query.QueryAsync(async reader => await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetFieldValue<Guid>(0) : (Guid?)null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Instances.AsNoTracking()
            .Where(i => i.BusinessKey == businessKey && i.Status == InstanceStatus.Running)
            .OrderBy(i => i.StartedAt)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Timers.AsNoTracking()
            .Where(t => t.DueAt <= now)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(limit)
            .Select(t => new DueTimer(t.InstanceId, t.Id, t.DueAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
