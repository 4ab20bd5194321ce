using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Accountability;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Identity;

/// <summary>
/// User accounts. Every creation and change is written to the ledger (global stream) with the administrator who made
/// it; password hashes never are. Accounts are disabled, never deleted, so a user id on the ledger always resolves.
/// </summary>
public sealed class EfUserStore(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider? clock = null)
{
    /// <summary>Ledger event types.</summary>
    public const string UserCreated = "user-created", UserChanged = "user-changed", PasswordSet = "password-set", SignInLocked = "sign-in-locked";

    /// <summary>The component named on the ledger as the one that locked an account.</summary>
    public const string SignInComponent = "sign-in";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The account, or null.</summary>
    public async Task<UserRow?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserRow>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>The accounts among <paramref name="ids"/> that exist, in one query.</summary>
    public async Task<IReadOnlyList<UserRow>> FindManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserRow>().AsNoTracking().Where(u => wanted.Contains(u.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>All accounts by id (a county has hundreds, a province tens of thousands: paged).</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserRow>().AsNoTracking().OrderBy(u => u.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Whether any account exists (a new installation has none).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserRow>().AnyAsync(cancellationToken);
    }

    /// <summary>Creates an account; false when the id is taken.</summary>
    public Task<bool> CreateAsync(UserRow user, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(by);
        return IdentityWrites.InTransactionAsync(contexts, async db =>
        {
            if (await db.Set<UserRow>().AnyAsync(u => u.Id == user.Id, cancellationToken))
            {
                return (false, null);
            }
            var now = _clock.GetUtcNow();
            user.CreatedAt = now;
            user.UpdatedAt = now;
            db.Add(user);
            return (true, IdentityWrites.Entry(UserCreated, by, now, user.Id, Describe(user)));
        }, cancellationToken);
    }

    /// <summary>Changes name, unit, roles and state; false when there is no such account.</summary>
    public Task<bool> UpdateAsync(string id, string displayName, string? unit, IEnumerable<string> roles, bool isActive, Actor by,
        CancellationToken cancellationToken = default) =>
        IdentityWrites.InTransactionAsync(contexts, async db =>
        {
            var user = await db.Set<UserRow>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return (false, null);
            }
            var before = Describe(user);
            user.DisplayName = displayName;
            user.Unit = unit;
            user.Roles = RoleCodes.Join(roles);
            user.IsActive = isActive;
            user.UpdatedAt = _clock.GetUtcNow();
            return (true, IdentityWrites.Entry(UserChanged, by, user.UpdatedAt, id, new { before, after = Describe(user) }));
        }, cancellationToken);

    /// <summary>Replaces the password hash; false when there is no such account.</summary>
    public Task<bool> SetPasswordHashAsync(string id, string passwordHash, Actor by, CancellationToken cancellationToken = default) =>
        IdentityWrites.InTransactionAsync(contexts, async db =>
        {
            var user = await db.Set<UserRow>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return (false, null);
            }
            user.PasswordHash = passwordHash;
            user.UpdatedAt = _clock.GetUtcNow();
            return (true, IdentityWrites.Entry(PasswordSet, by, user.UpdatedAt, id, new { user = id }));
        }, cancellationToken);

    /// <summary>
    /// Counts a wrong password for an account. The one that makes <paramref name="maxFailures"/> in a row locks the account
    /// until now + <paramref name="period"/>, starts the count again and is written to the ledger. Each step is one
    /// conditional statement, so that the nodes sharing the database count together and two at once cannot both miss the
    /// limit; attempts while the account is locked are not counted.
    /// </summary>
    /// <returns>Until when the account is locked, when this failure locked it; otherwise (or for no such account) null.</returns>
    public Task<DateTimeOffset?> RecordFailedSignInAsync(string id, int maxFailures, TimeSpan period, CancellationToken cancellationToken = default) =>
        IdentityWrites.InTransactionAsync(contexts, async db =>
        {
            var now = _clock.GetUtcNow();
            var open = db.Set<UserRow>().Where(u => u.Id == id && (u.LockedUntil == null || u.LockedUntil <= now));
            if (await open.Where(u => u.FailedSignIns + 1 < maxFailures)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken) > 0)
            {
                return ((DateTimeOffset?)null, (HistoryEntry?)null);
            }
            var until = now + period;
            if (await open.ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, until), cancellationToken) == 0)
            {
                return (null, null);
            }
            return (until, IdentityWrites.Entry(SignInLocked, Actor.System(SignInComponent), now, id, new { user = id, failures = maxFailures, lockedUntil = until }));
        }, cancellationToken);

    /// <summary>Forgets the wrong passwords of an account after a successful sign-in (writes only when there are any).</summary>
    public async Task ClearFailedSignInsAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<UserRow>().Where(u => u.Id == id && (u.FailedSignIns > 0 || u.LockedUntil != null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    private static object Describe(UserRow user) =>
        new { id = user.Id, displayName = user.DisplayName, unit = user.Unit, roles = user.RoleList, isActive = user.IsActive };
}
