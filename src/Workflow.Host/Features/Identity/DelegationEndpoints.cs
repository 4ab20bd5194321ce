using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// /api/delegations: "acting for" grants (DOMAIN §4.15). A person delegates their own work; an administrator may record a
/// grant for anyone (e.g. sudden leave). Either party or an administrator may revoke it. The engine checks the grant at
/// every transition made under it and records both people.
/// </summary>
public static class DelegationEndpoints
{
    /// <summary>Longest grant: delegation covers absences, not a permanent change of post.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(90);

    /// <summary>Body of POST /api/delegations.</summary>
    public sealed record GrantRequest(string? From, string? To, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string[]? Roles, string? Unit, string? Reason);

    /// <summary>Body of POST /api/delegations/{id}/revoke.</summary>
    public sealed record RevokeRequest(string? Reason);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDelegations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delegations").RequireAuthorization();
        group.MapGet("/", List);
        group.MapPost("/", Grant);
        group.MapPost("/{id:guid}/revoke", Revoke);
        return app;
    }

    private static async Task<Ok<DelegationView[]>> List(bool? all, SignedIn me, EfDelegationStore delegations, CancellationToken ct)
    {
        var everyone = all == true && (me.Holds(Roles.Admin) || me.Holds(Roles.Supervisor));
        return TypedResults.Ok((await delegations.ListAsync(everyone ? null : me.Id, 500, ct)).Select(IdentityMapper.ToView).ToArray());
    }

    private static async Task<Results<Created<DelegationView>, ProblemHttpResult>> Grant(GrantRequest request, SignedIn me, EfUserStore users,
        EfDelegationStore delegations, TimeProvider clock, CancellationToken ct)
    {
        var from = string.IsNullOrWhiteSpace(request.From) ? me.Id : request.From.Trim();
        if (from != me.Id && !me.Holds(Roles.Admin))
        {
            return ApiErrors.Problem(403, "not-delegator", "只能委托自己的工作 · You can delegate only your own work (administrators may record it for others)");
        }
        var starts = request.StartsAt ?? clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.EndsAt is not { } ends || ends <= starts || ends - starts > MaxLength)
        {
            return ApiErrors.Invalid($"需要事由和结束时间，期限不超过 {MaxLength.TotalDays} 天 · reason and endsAt are required; at most {MaxLength.TotalDays} days after startsAt");
        }
        var delegator = await users.FindAsync(from, ct);
        var delegateUser = string.IsNullOrWhiteSpace(request.To) ? null : await users.FindAsync(request.To.Trim(), ct);
        if (delegator is not { IsActive: true } || delegateUser is not { IsActive: true } || delegator.Id == delegateUser.Id)
        {
            return ApiErrors.Invalid("委托人和受托人须为两个有效账号 · from and to must be two different active accounts");
        }
        var roles = request.Roles ?? [];
        if (roles.Except(delegator.RoleList).FirstOrDefault() is { } notHeld)
        {
            return ApiErrors.Invalid($"委托人没有角色 {notHeld} · The delegator does not hold role '{notHeld}'");
        }
        var grant = await delegations.GrantAsync(new DelegationRow
        {
            From = delegator.Id,
            To = delegateUser.Id,
            StartsAt = starts,
            EndsAt = ends,
            Roles = RoleCodes.Join(roles),
            Unit = string.IsNullOrWhiteSpace(request.Unit) ? delegator.Unit : request.Unit.Trim(),
            Reason = request.Reason.Trim(),
        }, me.Actor(), ct);
        return TypedResults.Created($"/api/delegations/{grant.Id}", grant.ToView());
    }

    private static async Task<Results<Ok<DelegationView>, ProblemHttpResult>> Revoke(Guid id, RevokeRequest request, SignedIn me, EfDelegationStore delegations, CancellationToken ct)
    {
        if (await delegations.GetAsync(id, ct) is not { } grant)
        {
            return ApiErrors.Problem(404, "delegation-not-found", $"没有委托 {id} · No delegation {id}");
        }
        if (me.Id != grant.From && me.Id != grant.To && !me.Holds(Roles.Admin))
        {
            return ApiErrors.Problem(403, "not-party", "只有委托双方或管理员可以撤销 · Only the two parties or an administrator may revoke it");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return ApiErrors.Problem(400, "reason-required", "撤销需要事由 · Give a reason");
        }
        return TypedResults.Ok((await delegations.RevokeAsync(id, request.Reason.Trim(), me.Actor(), ct))!.ToView());
    }
}
