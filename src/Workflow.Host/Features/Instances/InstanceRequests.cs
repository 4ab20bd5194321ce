using System.Text.Json;

namespace Workflow.Host.Features.Instances;

/// <summary>Body of POST /api/instances; the starting person is the signed-in one (acting for <c>actingFor</c>, when given).</summary>
public sealed record StartInstanceRequest(string ProcessId, int? Version, string? BusinessKey, Dictionary<string, JsonElement>? Variables, string? ActingFor = null);

/// <summary>Body of POST /api/instances/{id}/migrate.</summary>
public sealed record MigrateInstanceRequest(int TargetVersion, Dictionary<string, string>? Mapping);

/// <summary>Body of POST /api/messages.</summary>
public sealed record MessageRequest(string Name, string BusinessKey, Dictionary<string, JsonElement>? Variables);

/// <summary>Body of POST /api/instances/{id}/amendments.</summary>
public sealed record AmendmentRequest(Dictionary<string, JsonElement>? Changes, string? ReasonCode, string? Reason, string? ActingFor = null);

/// <summary>Body of POST /api/instances/{id}/amendments/{amendmentId}/approve or /reject (reason only to reject).</summary>
public sealed record AmendmentReviewRequest(string? ReasonCode, string? Reason, string? ActingFor = null);
