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
/// change tracking: a task completion is two reads and, on a server database, three round trips to save
/// (ADR-006). Column names and value conversions still come from the EF model.
/// </remarks>
/// <param name="contexts">Creates a context per operation.</param>
/// <param name="definitions">Gives task names and candidate roles; a task whose definition is unknown gets neither.</param>
/// <param name="clock">Stamps <see cref="TaskRow.ClosedAt"/>; the system clock by default.</param>
/// <param name="ledger">
/// Appends the history to the ledger: <see cref="LedgerWriter"/>, the default and the only production implementation.
/// Another appender is for the <c>db-load</c> benchmark's measurement of the ledger's cost only (<see cref="ILedgerAppender"/>).
/// </param>
public sealed class EfInstanceStore(IDbContextFactory<WorkflowDbContext> contexts, IDefinitionStore definitions, TimeProvider? clock = null,
    ILedgerAppender? ledger = null) : IInstanceStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILedgerAppender _ledger = ledger ?? LedgerWriter.Instance;
    private SqliteSaveQueue? _sqlite;

    /// <inheritdoc />
    public async Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = StoreSql.For(db);
        var i = sql.Instances;
        var query = new SqlBatch(db)
            .Sql($"SELECT i.{i["State"]}, i.{i["Revision"]}, {HeadColumns} FROM {i.Name} i {HeadJoin(i)} WHERE i.{i["Id"]} = ").Value(i, "Id", instanceId);
        return await ReadInstanceAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredInstance?> LoadByTaskAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = StoreSql.For(db);
        var (i, t) = (sql.Instances, sql.Tasks);
        var query = new SqlBatch(db)
            .Sql($"SELECT i.{i["State"]}, i.{i["Revision"]}, {HeadColumns} FROM {t.Name} t JOIN {i.Name} i ON i.{i["Id"]} = t.{t["InstanceId"]} {HeadJoin(i)} WHERE t.{t["Id"]} = ")
            .Value(t, "Id", taskId).Sql($" AND t.{t["State"]} = ").Value(t, "State", TaskState.Open);
        return await ReadInstanceAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The head of the instance's ledger stream, read with the instance (one snapshot) and handed back with its save
    /// (<see cref="InstanceProjection.StoreState"/>), so that the ledger append need not read and lock it again: once the
    /// save's revision check passes, no other command can have moved it (the head update checks that too).
    /// </summary>
    private const string HeadColumns = "h.seq, h.hash";

    // ledger_heads is written only by raw SQL (LedgerWriter), so its names are literal there and here.
    private static string HeadJoin(TableSql i) => $"LEFT JOIN ledger_heads h ON h.instance_id = i.{i["Id"]}";

    private static async Task<StoredInstance?> ReadInstanceAsync(SqlBatch query, CancellationToken ct)
    {
        var row = await query.QueryAsync(async reader => await reader.ReadAsync(ct).ConfigureAwait(false)
            ? (reader.GetFieldValue<byte[]>(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : (long?)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3))
            : default((byte[], long, long?, byte[]?)?), ct).ConfigureAwait(false);
        if (row is not var (state, revision, seq, hash))
        {
            return null;
        }
        var instance = InstanceStateSerializer.Deserialize(state);
        var head = new KnownHead(instance.Id, seq is { } s && hash is not null ? new LedgerHead(instance.Id, s, hash) : null);
        return new StoredInstance(instance, revision) { Projection = InstanceProjection.Of(instance) with { StoreState = head } };
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
