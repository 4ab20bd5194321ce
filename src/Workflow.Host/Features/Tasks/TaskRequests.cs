using System.Text.Json;
using Workflow.Host.Features.Identity;

namespace Workflow.Host.Features.Tasks;

/// <summary>Body naming the acting user (TEMPORARY until sign-in: user, roles, unit, acting for).</summary>
public sealed record UserRequest(string? User, string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;

/// <summary>Body of POST /api/tasks/{id}/complete.</summary>
public sealed record CompleteRequest(string? User, string? Outcome, string? ReasonCode, string? Reason, Dictionary<string, JsonElement>? Data,
    string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;

/// <summary>Body of POST /api/tasks/{id}/offer.</summary>
public sealed record OfferRequest(string? User, string? To, string? Reason, string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;

/// <summary>Body of POST /api/tasks/{id}/decline.</summary>
public sealed record DeclineRequest(string? User, string? Reason, string[]? Roles = null, string? Unit = null, string? ActingFor = null) : IActorFields;
