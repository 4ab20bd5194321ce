namespace Workflow.Engine.Model;

/// <summary>The event definition carried by an event node.</summary>
public enum EventKind
{
    /// <summary>No event definition.</summary>
    None,
    /// <summary>terminateEventDefinition.</summary>
    Terminate,
    /// <summary>errorEventDefinition.</summary>
    Error,
    /// <summary>timerEventDefinition.</summary>
    Timer,
    /// <summary>messageEventDefinition.</summary>
    Message,
}
