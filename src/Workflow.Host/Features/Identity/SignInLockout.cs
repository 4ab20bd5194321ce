using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// Locks an account for a while after repeated wrong passwords, so that a password cannot be guessed through the API.
/// An account's count and lock live in its row (<see cref="EfUserStore.RecordFailedSignInAsync"/>): every node that shares
/// the database sees them, and a restart does not forget them. A name without an account is counted in memory, per node,
/// so that it locks like an account does: otherwise the lock would tell which names exist.
/// </summary>
public sealed class SignInLockout(IOptions<IdentityOptions> options, TimeProvider clock, EfUserStore users)
{
    /// <summary>Names without an account counted at most; beyond, the oldest counts are dropped (a flood of made-up names costs bounded memory).</summary>
    internal const int MaxUnknownNames = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset LockedUntil)> _unknown = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Until when sign-in as <paramref name="id"/> is refused (<paramref name="user"/> its account, or null when none), or null.</summary>
    public DateTimeOffset? LockedUntil(string id, UserRow? user)
    {
        var now = clock.GetUtcNow();
        if (user is not null)
        {
            return user.LockedUntil > now ? user.LockedUntil : null;
        }
        return _unknown.TryGetValue(id, out var s) && s.LockedUntil > now ? s.LockedUntil : null;
    }

    /// <summary>Counts a wrong password (or a disabled account, or no account); the account locks at the limit.</summary>
    public async Task FailedAsync(string id, UserRow? user, CancellationToken cancellationToken)
    {
        if (user is not null)
        {
            await users.RecordFailedSignInAsync(user.Id, options.Value.MaxFailedSignIns, options.Value.LockoutPeriod, cancellationToken);
            return;
        }
        if (_unknown.Count >= MaxUnknownNames)
        {
            _unknown.Clear();
        }
        var now = clock.GetUtcNow();
        _unknown.AddOrUpdate(id, _ => Next(0, now), (_, s) => s.LockedUntil > now ? s : Next(s.Failures % options.Value.MaxFailedSignIns, now));
    }

    /// <summary>Forgets the failures after a successful sign-in.</summary>
    public Task SucceededAsync(UserRow user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FailedSignIns > 0 || user.LockedUntil is not null ? users.ClearFailedSignInsAsync(user.Id, cancellationToken) : Task.CompletedTask;
    }

    private (int, DateTimeOffset) Next(int failures, DateTimeOffset now) =>
        failures + 1 >= options.Value.MaxFailedSignIns
            ? (failures + 1, now + options.Value.LockoutPeriod)
            : (failures + 1, DateTimeOffset.MinValue);
}
