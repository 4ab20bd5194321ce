using System.Text.Json;
using Workflow.Host.Features.Identity;

namespace Workflow.Host.Features.Instances;

/// <summary>Body of POST /api/instances; the starting user is named by <c>user</c> (or, as before, <c>actor</c>) until sign-in arrives.</summary>
public sealed record StartInstanceRequest(string ProcessId, int? Version, string? BusinessKey, Dictionary<string, JsonElement>? Variables, string? Actor,
    string? User = null, string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields
{
    string? IActorFields.User => User ?? Actor;
}

/// <summary>Body of POST /api/instances/{id}/migrate.</summary>
public sealed record MigrateInstanceRequest(int TargetVersion, Dictionary<string, string>? Mapping, string? Actor,
    string? User = null, string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields
{
    string? IActorFields.User => User ?? Actor;
}

/// <summary>Body of POST /api/messages.</summary>
public sealed record MessageRequest(string Name, string BusinessKey, Dictionary<string, JsonElement>? Variables);

/// <summary>Body of POST /api/instances/{id}/amendments.</summary>
public sealed record AmendmentRequest(string? User, Dictionary<string, JsonElement>? Changes, string? ReasonCode, string? Reason,
    string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;

/// <summary>Body of POST /api/instances/{id}/amendments/{amendmentId}/approve or /reject (reason only to reject).</summary>
public sealed record AmendmentReviewRequest(string? User, string? ReasonCode, string? Reason,
    string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;
