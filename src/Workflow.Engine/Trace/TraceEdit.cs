using System.Text.Json;

namespace Workflow.Engine.Trace;

/// <summary>A field a step changed, as its ledger entry records it.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Before">Its value before (absent: it had none).</param>
/// <param name="After">Its value after.</param>
public sealed record TraceEdit(string Name, JsonElement? Before, JsonElement? After);
