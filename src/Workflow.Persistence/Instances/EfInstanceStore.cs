using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Instance state in the <c>instances</c> table, with the <c>tasks</c> and <c>timers</c> tables kept in
/// step and the history appended to the <c>ledger</c>, all in one transaction per <see cref="SaveAsync"/>.
/// </summary>
/// <remarks>
/// Optimistic concurrency is an <c>UPDATE … SET revision = revision + 1 WHERE id = @id AND revision = @expected</c>:
/// no row updated means another command saved first, and the whole transaction is rolled back.
/// Candidate roles and names of new tasks come from the definition version of the instance, read through
/// <paramref name="definitions"/> (cached there) the first time a task is seen.
/// </remarks>
/// <param name="contexts">Creates a context per operation.</param>
/// <param name="definitions">Gives task names and candidate roles; a task whose definition is unknown gets neither.</param>
/// <param name="clock">Stamps <see cref="TaskRow.ClosedAt"/>; the system clock by default.</param>
public sealed class EfInstanceStore(IDbContextFactory<WorkflowDbContext> contexts, IDefinitionStore definitions, TimeProvider? clock = null) : IInstanceStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.State, i.Revision })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new StoredInstance(InstanceStateSerializer.Deserialize(row.State), row.Revision);
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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => SaveInTransactionAsync(db, changes, states, history, ct), cancellationToken);
    }

    private async Task<SaveResult> SaveInTransactionAsync(WorkflowDbContext db, IReadOnlyList<InstanceChange> changes, byte[][] states, IReadOnlyList<HistoryEntry> history, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var sync = new TaskSync(db, definitions, _clock.GetUtcNow());
        var inserted = new List<Guid>();
        DbUpdateException failure;
        // On SQLite this is BEGIN IMMEDIATE: writers queue here (busy timeout) instead of failing later on lock upgrade.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            for (var n = 0; n < changes.Count; n++)
            {
                var (instance, expected) = (changes[n].Instance, changes[n].ExpectedRevision);
                if (expected == 0)
                {
                    if (await db.Instances.AnyAsync(i => i.Id == instance.Id, ct))
                    {
                        return SaveResult.ConflictOn(instance.Id); // disposing the transaction rolls it back
                    }
                    db.Instances.Add(NewRow(instance, states[n]));
                    inserted.Add(instance.Id);
                }
                else if (!await TryUpdateAsync(db, instance, expected, states[n], ct))
                {
                    return SaveResult.ConflictOn(instance.Id);
                }
                await sync.SyncAsync(instance, isNew: expected == 0, ct);
                await SyncTimersAsync(db, instance, isNew: expected == 0, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await LedgerWriter.AppendAsync(db, history, LedgerComponents.Engine, ct);
                await transaction.CommitAsync(ct);
                return SaveResult.Ok;
            }
            catch (DbUpdateException e) when (inserted.Count > 0)
            {
                // Most likely a concurrent insert of the same id got in between the check and the insert; find out below.
                failure = e;
            }
        }
        db.ChangeTracker.Clear();
        var taken = await db.Instances.AsNoTracking().Where(i => inserted.Contains(i.Id)).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (taken is { } id)
        {
            return SaveResult.ConflictOn(id);
        }
        ExceptionDispatchInfo.Throw(failure);
        return default; // not reached
    }

    private static InstanceRow NewRow(ProcessInstance instance, byte[] state) => new()
    {
        Id = instance.Id,
        ProcessId = instance.ProcessId,
        Version = instance.Version,
        BusinessKey = instance.BusinessKey,
        Status = instance.Status,
        State = state,
        Revision = 1,
        StartedAt = instance.StartedAt,
        EndedAt = instance.EndedAt,
        ParentInstanceId = instance.ParentInstanceId,
    };

    private static async Task<bool> TryUpdateAsync(WorkflowDbContext db, ProcessInstance instance, long expected, byte[] state, CancellationToken ct)
    {
        var updated = await db.Instances
            .Where(i => i.Id == instance.Id && i.Revision == expected)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Revision, i => i.Revision + 1)
                .SetProperty(i => i.State, state)
                .SetProperty(i => i.Status, instance.Status)
                .SetProperty(i => i.Version, instance.Version)
                .SetProperty(i => i.BusinessKey, instance.BusinessKey)
                .SetProperty(i => i.EndedAt, instance.EndedAt), ct);
        return updated == 1;
    }

    private static async Task SyncTimersAsync(WorkflowDbContext db, ProcessInstance instance, bool isNew, CancellationToken ct)
    {
        var rows = isNew ? [] : await db.Timers.Where(t => t.InstanceId == instance.Id).ToDictionaryAsync(t => t.Id, ct);
        // An ended instance has nothing left to fire, whatever its state still lists.
        foreach (var job in instance.IsEnded ? [] : instance.Timers)
        {
            if (!rows.Remove(job.Id, out var row))
            {
                db.Timers.Add(new TimerRow { Id = job.Id, InstanceId = instance.Id, DueAt = job.Due });
            }
            else if (!SameDueTime(row.DueAt, job.Due))
            {
                // A cycle re-armed with the next due time: a fresh job for the executor.
                row.DueAt = job.Due;
                row.Attempts = 0;
                row.LeaseOwner = null;
                row.LeaseUntil = null;
                row.LastError = null;
            }
        }
        db.Timers.RemoveRange(rows.Values);
    }

    /// <summary>
    /// Whether a stored due time is this due time of the state. PostgreSQL keeps whole microseconds of the engine's
    /// 100 ns ticks, so what it gives back may fall short by a fraction of a microsecond; a re-armed cycle moves by a whole cycle.
    /// </summary>
    private static bool SameDueTime(DateTimeOffset stored, DateTimeOffset due) =>
        stored.UtcTicks / TimeSpan.TicksPerMicrosecond == due.UtcTicks / TimeSpan.TicksPerMicrosecond;

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        LedgerQueries.LoadStreamAsync(contexts, instanceId, cancellationToken);

    /// <inheritdoc />
    public async Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Id == taskId && t.State == TaskState.Open)
            .Select(t => (Guid?)t.InstanceId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking()
            .Where(i => i.BusinessKey == businessKey && i.Status == InstanceStatus.Running)
            .OrderBy(i => i.StartedAt)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Timers.AsNoTracking()
            .Where(t => t.DueAt <= now)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(limit)
            .Select(t => new DueTimer(t.InstanceId, t.Id, t.DueAt))
            .ToListAsync(cancellationToken);
    }
}
