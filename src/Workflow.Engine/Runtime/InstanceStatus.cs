namespace Workflow.Engine.Runtime;

/// <summary>Life-cycle state of a process instance.</summary>
public enum InstanceStatus
{
    /// <summary>Has tokens; may be waiting on tasks, timers or messages, or stopped by an incident.</summary>
    Running,
    /// <summary>Reached its end (including by a terminate end event).</summary>
    Completed,
    /// <summary>Ended by an error no boundary event caught, passed to the calling process.</summary>
    Failed,
    /// <summary>Cancelled by a command or by an interrupting event in the calling process.</summary>
    Cancelled,
}
