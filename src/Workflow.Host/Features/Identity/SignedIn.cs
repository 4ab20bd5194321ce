using System.Security.Claims;
using Workflow.Engine.Accountability;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// The signed-in person, taken from the authentication cookie (refreshed from the account on every request, see
/// <see cref="IdentitySetup"/>). Endpoints take it as a parameter; it is the only way the host builds a person
/// <see cref="Actor"/>, so no request can name somebody else.
/// </summary>
public sealed record SignedIn(string Id, string DisplayName, IReadOnlyList<string> Roles, string? Unit)
{
    /// <summary>Claim type of the unit.</summary>
    public const string UnitClaim = "workflow:unit";

    /// <summary>The actor for a command; <paramref name="actingFor"/> names the delegator when acting under a delegation.</summary>
    public Actor Actor(string? actingFor = null) =>
        Engine.Accountability.Actor.Person(Id, Roles, Unit, string.IsNullOrWhiteSpace(actingFor) || actingFor.Trim() == Id ? null : actingFor.Trim());

    /// <summary>Whether the person holds <paramref name="role"/>.</summary>
    public bool Holds(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The person of an authenticated principal, or null for an anonymous one.</summary>
    public static SignedIn? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return null;
        }
        return new SignedIn(id, principal.FindFirstValue(ClaimTypes.Name) ?? id,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(), principal.FindFirstValue(UnitClaim));
    }

    /// <summary>Minimal-API binding: endpoints behind authorization receive the signed-in person.</summary>
    public static ValueTask<SignedIn?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(From(context.User));
    }
}
