namespace Workflow.Engine.Storage;

/// <summary>
/// One line of an instance's execution history, written in the same transaction as the state it describes.
/// It is also the accountability ledger's entry: who (in which role and unit, acting for whom) did what, with which outcome.
/// </summary>
/// <param name="InstanceId">Instance; <see cref="Guid.Empty"/> for events outside any instance (a definition published, a delegation).</param>
/// <param name="At">Engine time.</param>
/// <param name="Kind">What happened (the event type): started, entered, task-created, task-completed, incident, ended, …</param>
/// <param name="ElementId">BPMN element, when there is one.</param>
/// <param name="Actor">Who caused it: an authenticated user id, or the system component (timer, rule) that acted.</param>
/// <param name="Data">Details as JSON, when any.</param>
public sealed record HistoryEntry(Guid InstanceId, DateTimeOffset At, string Kind, string? ElementId, string? Actor, string? Data)
{
    /// <summary>The role the actor acted in, when a person acted.</summary>
    public string? Role { get; init; }

    /// <summary>The actor's unit, when a person acted.</summary>
    public string? Unit { get; init; }

    /// <summary>The person the actor stood in for under a delegation, when any: the delegator stays visible.</summary>
    public string? ActingFor { get; init; }

    /// <summary>The decision taken (a task outcome such as approve or return), when the entry records one.</summary>
    public string? Outcome { get; init; }
}
