namespace Workflow.Persistence.Tasks;

/// <summary>State of a row in the task inbox.</summary>
public enum TaskState
{
    /// <summary>Waiting for a person: in the instance's open tasks.</summary>
    Open,
    /// <summary>Left the instance's open tasks while the instance went on or completed: completed, or withdrawn by an interrupting event.</summary>
    Closed,
    /// <summary>Left the instance's open tasks because the instance was cancelled or failed.</summary>
    Cancelled,
}
