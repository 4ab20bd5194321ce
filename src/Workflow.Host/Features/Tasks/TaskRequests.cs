using System.Text.Json;

namespace Workflow.Host.Features.Tasks;

/// <summary>Body of the task commands that take nothing else: the delegator when acting for someone (the actor is the signed-in person).</summary>
public sealed record ActingRequest(string? ActingFor = null);

/// <summary>Body of POST /api/tasks/{id}/complete.</summary>
public sealed record CompleteRequest(string? Outcome, string? ReasonCode, string? Reason, Dictionary<string, JsonElement>? Data, string? ActingFor = null);

/// <summary>Body of POST /api/tasks/{id}/offer.</summary>
public sealed record OfferRequest(string? To, string? Reason, string? ActingFor = null);

/// <summary>Body of POST /api/tasks/{id}/decline.</summary>
public sealed record DeclineRequest(string? Reason, string? ActingFor = null);
