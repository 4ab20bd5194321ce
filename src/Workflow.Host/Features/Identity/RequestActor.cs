using Workflow.Engine.Accountability;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// TEMPORARY — until sign-in arrives, the acting person is whatever the request names (user, roles, unit, acting for).
/// This is not authentication: anyone can claim to be anyone. Sign-in replaces every call of this class with the
/// signed-in identity (claims principal → <see cref="Actor"/>); nothing else in the host builds a person actor.
/// </summary>
public static class RequestActor
{
    /// <summary>The actor the request names, or null when it names no user (the runtime then refuses with actor-required).</summary>
    public static Actor? From(string? user, IEnumerable<string>? roles = null, string? unit = null, string? actingFor = null) =>
        string.IsNullOrWhiteSpace(user)
            ? null
            : Actor.Person(user, roles, unit, string.IsNullOrWhiteSpace(actingFor) || actingFor.Trim() == user.Trim() ? null : actingFor);

    /// <summary>The actor a request body names.</summary>
    public static Actor? From(IActorFields fields) => From(fields.User, fields.Roles, fields.Unit, fields.ActingFor);

    /// <summary>The sender of messages posted to the API; a named integration account replaces it with sign-in.</summary>
    public static readonly Actor MessageApi = Actor.System("message-api");
}
