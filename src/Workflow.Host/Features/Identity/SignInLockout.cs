using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// Locks an account for a while after repeated wrong passwords, so a password cannot be guessed through the API. Kept in
/// memory per node: a restart or another node forgets it, which slows guessing down enough without a table write per attempt.
/// </summary>
public sealed class SignInLockout(IOptions<IdentityOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset LockedUntil)> _state = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Until when the account is locked, or null.</summary>
    public DateTimeOffset? LockedUntil(string user) =>
        _state.TryGetValue(user, out var s) && s.LockedUntil > clock.GetUtcNow() ? s.LockedUntil : null;

    /// <summary>Counts a wrong password; the account locks at the limit.</summary>
    public void Failed(string user) =>
        _state.AddOrUpdate(user, _ => Next(0), (_, s) => Next(s.LockedUntil > clock.GetUtcNow() ? s.Failures : s.Failures % options.Value.MaxFailedSignIns));

    /// <summary>Forgets the failures after a successful sign-in.</summary>
    public void Succeeded(string user) => _state.TryRemove(user, out _);

    private (int, DateTimeOffset) Next(int failures) =>
        failures + 1 >= options.Value.MaxFailedSignIns
            ? (failures + 1, clock.GetUtcNow() + options.Value.LockoutPeriod)
            : (failures + 1, DateTimeOffset.MinValue);
}
