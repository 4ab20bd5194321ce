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
        // Serialised before the transaction: the write lock is held no longer than the writes need.
        var states = changes.Select(c => InstanceStateSerializer.Serialize(c.Instance)).ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var gate = SqliteWriterGate.For(db);
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                ct => SaveInTransactionAsync(db, changes, states, history, ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<SaveResult> SaveInTransactionAsync(WorkflowDbContext db, IReadOnlyList<InstanceChange> changes, byte[][] states,
        IReadOnlyList<HistoryEntry> history, CancellationToken ct)
    {
        var sql = StoreSql.For(db);
        var projections = new ProjectionWriter(sql, definitions, _clock.GetUtcNow());
        // Opened here, not by the transaction, so that it stays open for the checks after a rollback.
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        var inserted = new List<Guid>();
        DbException failure;
        // On SQLite this is BEGIN IMMEDIATE: the write lock is taken now, not on a later lock upgrade that could fail.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            try
            {
                // The revision checks run first, on their own: a conflict is known before anything else is sent.
                for (var n = 0; n < changes.Count; n++)
                {
                    var change = changes[n];
                    if (change.ExpectedRevision == 0)
                    {
                        inserted.Add(change.Instance.Id);
                    }
                    var write = InstanceWrite(db, sql, change, states[n]);
                    if (await write.ExecuteAsync(ct).ConfigureAwait(false) != 1)
                    {
                        return SaveResult.ConflictOn(change.Instance.Id); // disposing the transaction rolls it back
                    }
                }
                var rest = new SqlBatch(db);
                foreach (var change in changes)
                {
                    var loaded = change.ExpectedRevision == 0 ? null : change.Loaded ?? await ProjectionReader.ReadAsync(db, change.Instance.Id, ct).ConfigureAwait(false);
                    await projections.WriteAsync(rest, change.Instance, loaded, ct).ConfigureAwait(false);
                }
                if (!rest.IsEmpty)
                {
                    await rest.ExecuteAsync(ct).ConfigureAwait(false);
                }
                // After the instance rows: two inserts of one new instance collide on its key first, which is a conflict.
                await _ledger.AppendAsync(db, history, LedgerComponents.Engine, KnownHeads(changes), ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return SaveResult.Ok;
            }
            catch (DbException e) when (inserted.Count > 0)
            {
                // Most likely a concurrent insert of the same id; find out below, after the rollback.
                failure = e;
            }
        }
        if (await AnyExistsAsync(db, sql, inserted, ct).ConfigureAwait(false) is { } taken)
        {
            return SaveResult.ConflictOn(taken);
        }
        ExceptionDispatchInfo.Throw(failure);
        return default; // not reached
    }

    /// <summary>
    /// The ledger heads this save's revision checks vouch for: read with an instance whose revision just matched, or none yet
    /// for an instance just inserted. Other streams are read and locked by the ledger.
    /// </summary>
    private static List<KnownHead> KnownHeads(IReadOnlyList<InstanceChange> changes)
    {
        var known = new List<KnownHead>(changes.Count);
        foreach (var change in changes)
        {
            if (change.ExpectedRevision == 0)
            {
                known.Add(new KnownHead(change.Instance.Id, null));
            }
            else if (change.Loaded?.StoreState is KnownHead head && head.Stream == change.Instance.Id)
            {
                known.Add(head);
            }
        }
        return known;
    }

    private static SqlBatch InstanceWrite(WorkflowDbContext db, StoreSql sql, InstanceChange change, byte[] state)
    {
        var i = sql.Instances;
        var instance = change.Instance;
        var batch = new SqlBatch(db);
        if (change.ExpectedRevision == 0)
        {
            return batch.Sql($"INSERT INTO {i.Name} ({i["Id"]}, {i["ProcessId"]}, {i["Version"]}, {i["BusinessKey"]}, {i["Status"]}, {i["State"]}, " +
                    $"{i["Revision"]}, {i["StartedAt"]}, {i["EndedAt"]}, {i["ParentInstanceId"]}) VALUES (")
                .Value(i, "Id", instance.Id).Sql(", ").Value(i, "ProcessId", instance.ProcessId).Sql(", ").Value(i, "Version", instance.Version)
                .Sql(", ").Value(i, "BusinessKey", instance.BusinessKey).Sql(", ").Value(i, "Status", instance.Status).Sql(", ").Value(i, "State", state)
                .Sql(", 1, ").Value(i, "StartedAt", instance.StartedAt).Sql(", ").Value(i, "EndedAt", instance.EndedAt)
                .Sql(", ").Value(i, "ParentInstanceId", instance.ParentInstanceId).Sql(")");
        }
        return batch.Sql($"UPDATE {i.Name} SET {i["Revision"]} = {i["Revision"]} + 1, {i["State"]} = ").Value(i, "State", state)
            .Sql($", {i["Status"]} = ").Value(i, "Status", instance.Status).Sql($", {i["Version"]} = ").Value(i, "Version", instance.Version)
            .Sql($", {i["BusinessKey"]} = ").Value(i, "BusinessKey", instance.BusinessKey).Sql($", {i["EndedAt"]} = ").Value(i, "EndedAt", instance.EndedAt)
            .Sql($" WHERE {i["Id"]} = ").Value(i, "Id", instance.Id).Sql($" AND {i["Revision"]} = ").Value(i, "Revision", change.ExpectedRevision);
    }

    private static async Task<Guid?> AnyExistsAsync(WorkflowDbContext db, StoreSql sql, List<Guid> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            var i = sql.Instances;
            var query = new SqlBatch(db)
                .Sql($"SELECT 1 FROM {i.Name} WHERE {i["Id"]} = ").Value(i, "Id", id);
            if (await query.QueryAsync(reader => reader.ReadAsync(ct), ct).ConfigureAwait(false))
            {
                return id;
            }
        }
        return null;
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
