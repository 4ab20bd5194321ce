namespace Workflow.Persistence.Tasks;

/// <summary>One candidate role of a task: a user holding the role may claim the task.</summary>
public sealed class TaskCandidateRow
{
    /// <summary>Task.</summary>
    public Guid TaskId { get; set; }
    /// <summary>Role code, e.g. <c>unit-head</c>.</summary>
    public string Role { get; set; } = "";
}
