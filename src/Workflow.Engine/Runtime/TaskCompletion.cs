namespace Workflow.Engine.Runtime;

/// <summary>What a person submits when completing a task.</summary>
public sealed class TaskCompletion
{
    /// <summary>Completion with nothing chosen or entered.</summary>
    public static readonly TaskCompletion Empty = new();

    /// <summary>Chosen outcome id; stored in the variable <c>outcome</c>.</summary>
    public string? Outcome { get; init; }
    /// <summary>Coded reason, required (with <see cref="Reason"/>) by outcomes that need a reason.</summary>
    public string? ReasonCode { get; init; }
    /// <summary>Reason text, required (with <see cref="ReasonCode"/>) by outcomes that need a reason.</summary>
    public string? Reason { get; init; }
    /// <summary>Form data; each entry becomes a process variable.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }
}
