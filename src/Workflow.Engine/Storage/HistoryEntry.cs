namespace Workflow.Engine.Storage;

/// <summary>One line of an instance's execution history, written in the same transaction as the state it describes.</summary>
/// <param name="InstanceId">Instance.</param>
/// <param name="At">Engine time.</param>
/// <param name="Kind">What happened: started, entered, task-created, task-completed, incident, ended, …</param>
/// <param name="ElementId">BPMN element, when there is one.</param>
/// <param name="Actor">Who caused it (a user id, or timer/system), when known.</param>
/// <param name="Data">Details as JSON, when any.</param>
public sealed record HistoryEntry(Guid InstanceId, DateTimeOffset At, string Kind, string? ElementId, string? Actor, string? Data);
