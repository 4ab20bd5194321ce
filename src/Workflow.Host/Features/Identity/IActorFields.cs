namespace Workflow.Host.Features.Identity;

/// <summary>
/// TEMPORARY — the acting person as a request body names it until sign-in arrives (see <see cref="RequestActor"/>).
/// </summary>
public interface IActorFields
{
    /// <summary>User id.</summary>
    string? User { get; }

    /// <summary>Role codes the user holds.</summary>
    string[]? Roles { get; }

    /// <summary>The user's unit.</summary>
    string? Unit { get; }

    /// <summary>The person the user acts for under a delegation.</summary>
    string? ActingFor { get; }
}
