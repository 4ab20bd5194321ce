using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>What an <see cref="ICompletionCheck"/> sees: the task, its instance (read only) and what was submitted.</summary>
public sealed class CompletionCheckContext
{
    /// <summary>The process the task belongs to.</summary>
    public required ProcessDefinition Definition { get; init; }
    /// <summary>The task's node, with its effective <see cref="FlowNode.Task"/> spec.</summary>
    public required FlowNode Node { get; init; }
    /// <summary>The open task being completed (creation time, due time, unit, assignee).</summary>
    public required WorkItem Task { get; init; }
    /// <summary>The instance holding the task, as it is before the completion; a check only reads it.</summary>
    public required ProcessInstance Instance { get; init; }
    /// <summary>The outcome, reason and raw form data submitted.</summary>
    public required TaskCompletion Completion { get; init; }
    /// <summary>The form data as JSON-shaped values (null, bool, double, string, lists, objects), or null when none was given.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }
    /// <summary>The engine clock's time of the command.</summary>
    public required DateTimeOffset Now { get; init; }
}
