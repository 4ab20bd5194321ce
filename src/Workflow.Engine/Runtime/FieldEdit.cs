namespace Workflow.Engine.Runtime;

/// <summary>One variable changed by a person: its value before and after (null when it had none).</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Before">Value before the change (JSON-shaped).</param>
/// <param name="After">Value after the change (JSON-shaped).</param>
public sealed record FieldEdit(string Name, object? Before, object? After);
