using System.Text.Json;

namespace Workflow.Host.Features.Instances;

/// <summary>Body of POST /api/instances.</summary>
public sealed record StartInstanceRequest(string ProcessId, int? Version, string? BusinessKey, Dictionary<string, JsonElement>? Variables, string? Actor);

/// <summary>Body of POST /api/instances/{id}/migrate.</summary>
public sealed record MigrateInstanceRequest(int TargetVersion, Dictionary<string, string>? Mapping, string? Actor);

/// <summary>Body of POST /api/messages.</summary>
public sealed record MessageRequest(string Name, string BusinessKey, Dictionary<string, JsonElement>? Variables);
