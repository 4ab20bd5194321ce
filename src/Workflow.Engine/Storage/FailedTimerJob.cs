namespace Workflow.Engine.Storage;

/// <summary>A timer job given up after repeated failures: a timer incident, waiting for an administrator's retry.</summary>
/// <param name="InstanceId">Instance the timer belongs to.</param>
/// <param name="TimerId">Timer (job) id.</param>
/// <param name="Due">When the timer was due.</param>
/// <param name="Attempts">Failed attempts.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="FailedAt">When it was given up.</param>
public sealed record FailedTimerJob(Guid InstanceId, Guid TimerId, DateTimeOffset Due, int Attempts, string? LastError, DateTimeOffset FailedAt);
