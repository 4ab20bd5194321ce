namespace Workflow.Persistence.Tasks;

/// <summary>
/// One candidate role of a task: a user holding the role may claim the task. While the task is open and nobody
/// holds it, the row is <see cref="CandidateState.Claimable"/> and carries the task's unit and due time, so that "what may I
/// claim" is one index range per role and unit instead of a probe into every open task of the unit.
/// </summary>
public sealed class TaskCandidateRow
{
    /// <summary>Task.</summary>
    public Guid TaskId { get; set; }
    /// <summary>Role code, e.g. <c>unit-head</c>.</summary>
    public string Role { get; set; } = "";
    /// <summary>Claimable while the task is open and unassigned (kept in step with the task row).</summary>
    public CandidateState State { get; set; }
    /// <summary>The task's unit while claimable.</summary>
    public string? Unit { get; set; }
    /// <summary>The task's due time while claimable.</summary>
    public DateTimeOffset? DueAt { get; set; }
}
