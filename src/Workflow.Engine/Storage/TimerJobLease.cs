namespace Workflow.Engine.Storage;

/// <summary>A timer job claimed by one executor until <paramref name="LeaseUntil"/>.</summary>
/// <param name="InstanceId">Instance the timer belongs to.</param>
/// <param name="TimerId">Timer (job) id.</param>
/// <param name="Due">The occurrence claimed: its due time as the store keeps it.</param>
/// <param name="Attempts">Failed attempts so far for this occurrence.</param>
/// <param name="Owner">The executor holding it.</param>
/// <param name="LeaseUntil">When other executors may take it.</param>
public sealed record TimerJobLease(Guid InstanceId, Guid TimerId, DateTimeOffset Due, int Attempts, string Owner, DateTimeOffset LeaseUntil);
