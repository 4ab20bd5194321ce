namespace Workflow.Engine.Runtime;

/// <summary>What a token is doing at its node.</summary>
public enum TokenState
{
    /// <summary>About to execute its node.</summary>
    Ready,
    /// <summary>Waiting for a task, timer, message, subprocess or called process.</summary>
    Waiting,
    /// <summary>Arrived at a joining gateway, waiting for the other branches.</summary>
    AtJoin,
    /// <summary>Stopped by an incident until an administrator retries it.</summary>
    Incident,
}
