namespace Workflow.Engine.Durable;

/// <summary>A timer the executors gave up firing after repeated failures, as an administrator sees it.</summary>
/// <param name="TimerId">Timer (job) id: what <see cref="TimerIncidents.RetryAsync"/> takes.</param>
/// <param name="InstanceId">Instance the timer belongs to.</param>
/// <param name="ProcessId">Process of the instance; null if the instance is gone meanwhile.</param>
/// <param name="ElementId">BPMN timer event; null if the definition version is not deployed or the timer is gone meanwhile.</param>
/// <param name="Due">When the timer was due.</param>
/// <param name="Attempts">Failed attempts.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="FailedAt">When it was given up.</param>
public sealed record TimerIncident(Guid TimerId, Guid InstanceId, string? ProcessId, string? ElementId, DateTimeOffset Due, int Attempts,
    string? LastError, DateTimeOffset FailedAt);
