using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Timers;

/// <summary>
/// Timer jobs in the <c>timers</c> table. A claim leases the earliest claimable rows in one statement
/// (<see cref="TimerClaimSql"/>: <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, <c>UPDLOCK, READPAST</c> on SQL Server,
/// the single writer on SQLite); failures, give-ups and releases are conditional updates on the lease they were given,
/// so that a late executor whose lease expired cannot overwrite the next holder's bookkeeping.
/// </summary>
/// <param name="contexts">Creates a context per operation.</param>
public sealed class EfTimerJobStore(IDbContextFactory<WorkflowDbContext> contexts) : ITimerJobStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TimerJobLease>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(owner.Length, Limits.Principal, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var provider = db.Database.ProviderName;
        // Raw SQL parameters bypass the model's value converters: give each database its stored form of a timestamp.
        object Stamp(DateTimeOffset at) => provider == TimerClaimSql.SqliteProvider ? at.UtcTicks : at.ToUniversalTime();
        var rows = await db.Timers.FromSqlRaw(TimerClaimSql.For(provider), owner, Stamp(now + leaseDuration), Stamp(now), limit)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Select(r => new TimerJobLease(r.InstanceId, r.Id, r.DueAt, r.Attempts, owner, r.LeaseUntil!.Value))
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(TimerJobLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Held(db, lease).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RecordFailureAsync(TimerJobLease lease, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var text = Cut(error);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Held(db, lease).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Attempts, t => t.Attempts + 1)
            .SetProperty(t => t.LastError, text)
            .SetProperty(t => t.NextAttemptAt, nextAttemptAt)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> GiveUpAsync(TimerJobLease lease, string error, DateTimeOffset failedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var text = Cut(error);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Held(db, lease).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Attempts, t => t.Attempts + 1)
            .SetProperty(t => t.LastError, text)
            .SetProperty(t => t.FailedAt, failedAt)
            .SetProperty(t => t.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailedTimerJob>> FindFailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Timers.AsNoTracking()
            .Where(t => t.FailedAt != null)
            .OrderBy(t => t.FailedAt).ThenBy(t => t.Id)
            .Take(limit)
            .Select(t => new FailedTimerJob(t.InstanceId, t.Id, t.DueAt, t.Attempts, t.LastError, t.FailedAt!.Value))
            .ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TimerJobRetry> RetryAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Timers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (row is null)
        {
            return new TimerJobRetry(TimerJobRetryOutcome.NotFound, null);
        }
        if (row.FailedAt is not { } failedAt)
        {
            return new TimerJobRetry(TimerJobRetryOutcome.NotFailed, null);
        }
        // Only the failure read above: of two administrators retrying at once, one resets it and the other is told it is not failed.
        var reset = await db.Timers
            .Where(t => t.Id == timerId && t.FailedAt != null && t.DueAt == row.DueAt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.FailedAt, (DateTimeOffset?)null)
                .SetProperty(t => t.Attempts, 0)
                .SetProperty(t => t.LastError, (string?)null)
                .SetProperty(t => t.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(t => t.LeaseOwner, (string?)null)
                .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (reset == 1)
        {
            return new TimerJobRetry(TimerJobRetryOutcome.Retried, new FailedTimerJob(row.InstanceId, timerId, row.DueAt, row.Attempts, row.LastError, failedAt));
        }
        var exists = await db.Timers.AnyAsync(t => t.Id == timerId, cancellationToken);
        return new TimerJobRetry(exists ? TimerJobRetryOutcome.NotFailed : TimerJobRetryOutcome.NotFound, null);
    }

    /// <summary>The row of this occurrence while the lease is still this one.</summary>
    private static IQueryable<TimerRow> Held(WorkflowDbContext db, TimerJobLease lease) =>
        db.Timers.Where(t => t.Id == lease.TimerId && t.LeaseOwner == lease.Owner && t.DueAt == lease.Due);

    private static string Cut(string error) => error.Length <= TimerRow.LastErrorLength ? error : error[..TimerRow.LastErrorLength];
}
