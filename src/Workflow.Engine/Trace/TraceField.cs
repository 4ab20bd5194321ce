namespace Workflow.Engine.Trace;

/// <summary>A field's values over the case, in the order they were entered.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Values">Its values (one per instance and edit).</param>
public sealed record TraceField(string Name, IReadOnlyList<TraceValue> Values);
