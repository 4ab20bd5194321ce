using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Accountability;

namespace Workflow.Persistence.Identity;

/// <summary>
/// Delegations ("acting for") kept in the database: the engine's <see cref="IDelegationSource"/> for the host, and the
/// grant and revoke operations, each on the ledger.
/// </summary>
public sealed class EfDelegationStore(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider? clock = null) : IDelegationSource
{
    /// <summary>Ledger event types.</summary>
    public const string DelegationGranted = "delegation-granted", DelegationRevoked = "delegation-revoked";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Delegation>> FindAsync(string delegator, string delegateId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DelegationRow>().AsNoTracking().Where(d => d.From == delegator && d.To == delegateId).ToListAsync(cancellationToken);
        return rows.Select(ToDelegation).ToArray();
    }

    /// <summary>Delegations given or received by <paramref name="user"/> (all when null), newest first.</summary>
    public async Task<IReadOnlyList<DelegationRow>> ListAsync(string? user, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<DelegationRow>().AsNoTracking();
        if (user is not null)
        {
            rows = rows.Where(d => d.From == user || d.To == user);
        }
        return await rows.OrderByDescending(d => d.CreatedAt).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>The delegation, or null.</summary>
    public async Task<DelegationRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DelegationRow>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>Records a grant (the caller has checked who may grant it and that both people exist).</summary>
    public Task<DelegationRow> GrantAsync(DelegationRow grant, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(by);
        return IdentityWrites.InTransactionAsync(contexts, db =>
        {
            grant.Id = grant.Id == Guid.Empty ? Guid.CreateVersion7() : grant.Id;
            grant.CreatedBy = by.Id;
            grant.CreatedAt = _clock.GetUtcNow();
            db.Add(grant);
            var entry = IdentityWrites.Entry(DelegationGranted, by, grant.CreatedAt, grant.To, new
            {
                id = grant.Id, delegator = grant.From, @delegate = grant.To, startsAt = grant.StartsAt, endsAt = grant.EndsAt,
                roles = grant.RoleList, unit = grant.Unit, reason = grant.Reason,
            });
            return Task.FromResult<(DelegationRow, Engine.Storage.HistoryEntry?)>((grant, entry));
        }, cancellationToken);
    }

    /// <summary>Ends a grant now; null when there is no such grant, the row unchanged when it was already revoked.</summary>
    public Task<DelegationRow?> RevokeAsync(Guid id, string reason, Actor by, CancellationToken cancellationToken = default) =>
        IdentityWrites.InTransactionAsync<DelegationRow?>(contexts, async db =>
        {
            var row = await db.Set<DelegationRow>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (row is null || row.RevokedAt is not null)
            {
                return (row, null);
            }
            row.RevokedAt = _clock.GetUtcNow();
            row.RevokedBy = by.Id;
            return (row, IdentityWrites.Entry(DelegationRevoked, by, row.RevokedAt.Value, row.To,
                new { id = row.Id, delegator = row.From, @delegate = row.To, reason }));
        }, cancellationToken);

    /// <summary>The engine's view of a row: a revoked grant ends when it was revoked.</summary>
    public static Delegation ToDelegation(DelegationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var end = row.RevokedAt is { } revoked && revoked < row.EndsAt ? revoked : row.EndsAt;
        return new Delegation(row.From, row.To, row.StartsAt, end) { Roles = row.RoleList, Unit = row.Unit };
    }
}
