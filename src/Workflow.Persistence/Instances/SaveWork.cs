using System.Data.Common;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.Instances;

/// <summary>
/// The writes of one <see cref="EfInstanceStore.SaveAsync"/>, run inside a transaction that the caller owns: its own on a
/// server database, a savepoint of a shared one on SQLite (<see cref="SqliteSaveQueue"/>). Whoever runs it rolls back what
/// it wrote unless <see cref="WriteAsync"/> returns <see cref="SaveResult.Ok"/>.
/// </summary>
internal sealed class SaveWork(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, IDefinitionStore definitions,
    TimeProvider clock, ILedgerAppender ledger)
{
    // Serialised before any transaction: the write lock is held no longer than the writes need.
    private readonly byte[][] _states = changes.Select(c => InstanceStateSerializer.Serialize(c.Instance)).ToArray();

    // Chained (and hashed) before the save queues, onto the heads loaded with the instances, so the SQLite writer only runs
    // statements; each instance's head then moves in its own revision-checked UPDATE. Null when an entry belongs to another
    // stream, whose head the ledger must lock and read inside the transaction.
    private readonly (List<KnownHead> Known, KnownChain? Chain) _ledger = Chain(changes, history, ledger);

    /// <summary>Whether the last conflict <see cref="WriteAsync"/> returned came after it had written an instance row (which must be undone).</summary>
    public bool WroteBeforeConflict { get; private set; }

    /// <summary>Writes the changes and appends the history; a conflict is returned before anything but revision checks ran.</summary>
    public async Task<SaveResult> WriteAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var sql = StoreSql.For(db);
        var chain = _ledger.Chain;
        // The revision checks run first, on their own: a conflict is known before anything else is sent.
        for (var n = 0; n < changes.Count; n++)
        {
            var head = chain?.Heads.GetValueOrDefault(changes[n].Instance.Id);
            if (await WriteInstance(new SqlBatch(db), sql, changes[n], _states[n], head, guarded: false).ExecuteAsync(ct).ConfigureAwait(false) != 1)
            {
                WroteBeforeConflict = n > 0;
                return SaveResult.ConflictOn(changes[n].Instance.Id);
            }
        }
        var projections = new ProjectionWriter(sql, definitions, clock.GetUtcNow());
        var rest = new SqlBatch(db);
        foreach (var change in changes)
        {
            var loaded = change.ExpectedRevision == 0 ? null : change.Loaded ?? await ProjectionReader.ReadAsync(db, change.Instance.Id, ct).ConfigureAwait(false);
            await projections.WriteAsync(rest, change.Instance, loaded, ct).ConfigureAwait(false);
        }
        // After the instance rows: two inserts of one new instance collide on its key first, which is a conflict. On a server
        // database the entries usually travel in the same round trip as the tasks and timers.
        var appended = chain is not null && (chain.Rows.Length == 0 || LedgerWriter.TryAppendRowsTo(rest, db, chain.Rows));
        if (!rest.IsEmpty)
        {
            await rest.ExecuteAsync(ct).ConfigureAwait(false);
        }
        if (chain is null)
        {
            await ledger.AppendAsync(db, history, LedgerComponents.Engine, _ledger.Known, ct).ConfigureAwait(false);
        }
        else if (!appended)
        {
            await LedgerWriter.InsertRowsAsync(db, chain.Rows, ct).ConfigureAwait(false);
        }
        return SaveResult.Ok;
    }

    /// <summary>
    /// PostgreSQL: the whole save as one batch, sent in one round trip instead of three: the instances' guarded writes
    /// (<see cref="RevisionGuard"/>), then the tasks, timers and ledger rows. Npgsql ends a batch with a single Sync, so the
    /// server runs it as one implicit transaction: it commits at the end, and an error anywhere rolls back what ran before
    /// it and skips what follows. No <c>BEGIN</c> or <c>COMMIT</c> is sent. Null when the save has to read
    /// inside its transaction first (an instance saved without the projection it was loaded with, ledger entries of a stream
    /// whose head it does not know, more ledger rows than a batch carries): <see cref="WriteAsync"/> then does it.
    /// </summary>
    public async Task<SqlBatch?> OneTripAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (_ledger.Chain is not { } chain || changes.Any(c => c.ExpectedRevision != 0 && c.Loaded is null))
        {
            return null;
        }
        var sql = StoreSql.For(db);
        var batch = new SqlBatch(db);
        for (var n = 0; n < changes.Count; n++)
        {
            WriteInstance(batch, sql, changes[n], _states[n], chain.Heads.GetValueOrDefault(changes[n].Instance.Id), guarded: true).End();
        }
        var projections = new ProjectionWriter(sql, definitions, clock.GetUtcNow());
        foreach (var change in changes)
        {
            await projections.WriteAsync(batch, change.Instance, change.ExpectedRevision == 0 ? null : change.Loaded, ct).ConfigureAwait(false);
        }
        // Too many rows for one batch (a rare, long command): the batch is dropped unsent, and the save goes step by step.
        return LedgerWriter.TryAppendRowsTo(batch, db, chain.Rows) ? batch : null;
    }

    /// <summary>
    /// After a failed and rolled-back <see cref="WriteAsync"/>: the conflict it was when an instance this save inserts exists
    /// (another command inserted it first), or null when the failure stands.
    /// </summary>
    public async Task<SaveResult?> ExplainAsync(WorkflowDbContext db, Exception failure, CancellationToken ct)
    {
        if (failure is not DbException)
        {
            return null;
        }
        var i = StoreSql.For(db).Instances;
        foreach (var change in changes.Where(c => c.ExpectedRevision == 0))
        {
            var query = new SqlBatch(db).Sql($"SELECT 1 FROM {i.Name} WHERE {i["Id"]} = ").Value(i, "Id", change.Instance.Id);
            if (await query.QueryAsync(reader => reader.ReadAsync(ct), ct).ConfigureAwait(false))
            {
                return SaveResult.ConflictOn(change.Instance.Id);
            }
        }
        return null;
    }

    /// <summary>
    /// The ledger heads this save's revision checks vouch for: read with an instance whose revision just matched, or none yet
    /// for an instance just inserted. Other streams are read and locked by the ledger.
    /// </summary>
    private static (List<KnownHead> Known, KnownChain? Chain) Chain(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history,
        ILedgerAppender ledger)
    {
        var known = KnownHeads(changes);
        return (known, ledger switch
        {
            LedgerWriter => LedgerWriter.ChainKnown(history, LedgerComponents.Engine, known),
            { WritesNothing: true } => KnownChain.Nothing,
            _ => null,
        });
    }

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

    /// <summary>
    /// The instance's revision-checked write, appended to <paramref name="batch"/>; it moves the instance's ledger head to
    /// <paramref name="head"/> when given. <paramref name="guarded"/> (PostgreSQL) makes a revision that does not match an error
    /// (<see cref="RevisionGuard"/>) rather than an update of no rows, so that the statements after it need not wait for its answer.
    /// </summary>
    private static SqlBatch WriteInstance(SqlBatch batch, StoreSql sql, InstanceChange change, byte[] state, LedgerHead? head, bool guarded)
    {
        var i = sql.Instances;
        var instance = change.Instance;
        if (change.ExpectedRevision == 0)
        {
            return batch.Sql($"INSERT INTO {i.Name} ({i["Id"]}, {i["ProcessId"]}, {i["Version"]}, {i["BusinessKey"]}, {i["Status"]}, {i["State"]}, " +
                    $"{i["Revision"]}, {i["StartedAt"]}, {i["EndedAt"]}, {i["OpenIncidents"]}, {i["ParentInstanceId"]}, {i["LedgerSeq"]}, {i["LedgerHash"]}) VALUES (")
                .Value(i, "Id", instance.Id).Sql(", ").Value(i, "ProcessId", instance.ProcessId).Sql(", ").Value(i, "Version", instance.Version)
                .Sql(", ").Value(i, "BusinessKey", instance.BusinessKey).Sql(", ").Value(i, "Status", instance.Status).Sql(", ").Value(i, "State", state)
                .Sql(", 1, ").Value(i, "StartedAt", instance.StartedAt).Sql(", ").Value(i, "EndedAt", instance.EndedAt)
                .Sql(", ").Value(i, "OpenIncidents", (int?)InstanceProjection.OpenIncidentsOf(instance))
                .Sql(", ").Value(i, "ParentInstanceId", instance.ParentInstanceId).Sql(", ").Value(i, "LedgerSeq", head?.Seq ?? 0L)
                .Sql(", ").Value(i, "LedgerHash", head?.Hash).Sql(")");
        }
        // Only the columns that changed since the load: an indexed column written again costs a delete and an insert in its index.
        var before = change.Loaded is { Status: not null } loaded ? loaded : null;
        if (guarded)
        {
            batch.Sql(RevisionGuard.Before);
        }
        batch.Sql($"UPDATE {i.Name} SET {i["Revision"]} = {i["Revision"]} + 1, ");
        new SetList(batch, i)
            .Add("State", state)
            .Add("Status", instance.Status, before?.Status != instance.Status)
            .Add("Version", instance.Version, before?.Version != instance.Version)
            .Add("BusinessKey", instance.BusinessKey, before is null || before.BusinessKey != instance.BusinessKey)
            .Add("EndedAt", instance.EndedAt, before is null || before.EndedAt != instance.EndedAt)
            .Add("OpenIncidents", (int?)InstanceProjection.OpenIncidentsOf(instance), before is null || before.OpenIncidents != InstanceProjection.OpenIncidentsOf(instance))
            .Add("LedgerSeq", head?.Seq, head is not null)
            .Add("LedgerHash", head?.Hash, head is not null);
        batch.Sql($" WHERE {i["Id"]} = ").Value(i, "Id", instance.Id).Sql($" AND {i["Revision"]} = ").Value(i, "Revision", change.ExpectedRevision);
        return guarded ? batch.Sql(RevisionGuard.After).Value(i, "Id", instance.Id).Sql(RevisionGuard.Close) : batch;
    }
}
