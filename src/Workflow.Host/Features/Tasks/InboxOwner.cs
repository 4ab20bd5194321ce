using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Host.Features.Identity;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Tasks;

/// <summary>
/// Whose inbox a request reads: the signed-in person's, or — with <c>?actingFor=</c> — the delegator's as far as a grant
/// valid now reaches: the tasks assigned or offered to the delegator, and those claimable through the roles the grant
/// covers in its unit. The delegate's own roles already show in their own inbox.
/// </summary>
public sealed class InboxOwner(EfDelegationStore delegations, EfUserStore users, TimeProvider clock)
{
    /// <summary>The person and roles to query for, or the refusal.</summary>
    public async Task<(SignedIn? Owner, ProblemHttpResult? Refused)> ForAsync(SignedIn me, string? actingFor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(me);
        if (string.IsNullOrWhiteSpace(actingFor) || actingFor.Trim() == me.Id)
        {
            return (me, null);
        }
        var delegator = actingFor.Trim();
        var now = clock.GetUtcNow();
        var grant = (await delegations.FindAsync(delegator, me.Id, ct)).FirstOrDefault(d => d.IsValidAt(now));
        if (grant is null || await users.FindAsync(delegator, ct) is not { IsActive: true } account)
        {
            return (null, ApiErrors.Problem(403, "delegation-invalid", $"您没有代理 {delegator} 的有效委托 · No valid delegation from '{delegator}' to you"));
        }
        return (new SignedIn(account.Id, account.DisplayName, grant.Roles, grant.Unit ?? account.Unit), null);
    }
}
