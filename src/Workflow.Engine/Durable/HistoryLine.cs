namespace Workflow.Engine.Durable;

/// <summary>A history line the runtime writes for a command before the engine's own lines for it.</summary>
internal readonly record struct HistoryLine(string Kind, string? ElementId, object? Data = null, string? Outcome = null);
