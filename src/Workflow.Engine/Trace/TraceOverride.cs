namespace Workflow.Engine.Trace;

/// <summary>
/// An approver overruling a reviewer (the ledger's <c>responsibility-shifted</c> entry): the answer for the outcome moves from the
/// reviewer to the approver (DOMAIN §4.6).
/// </summary>
/// <param name="InstanceId">The instance of the overriding step.</param>
/// <param name="Step">The overriding step's element id.</param>
/// <param name="TaskId">The overriding task.</param>
/// <param name="At">When.</param>
/// <param name="From">The reviewer whose decision was overruled (the person they acted for, when they did).</param>
/// <param name="FromStep">The reviewer's step.</param>
/// <param name="FromOutcome">The reviewer's decision.</param>
/// <param name="To">Who answers for the outcome now: the approver (in whose name they acted).</param>
/// <param name="ReasonCode">The coded justification.</param>
/// <param name="Reason">Its text.</param>
public sealed record TraceOverride(Guid InstanceId, string? Step, Guid? TaskId, DateTimeOffset At, string? From, string? FromStep, string? FromOutcome,
    string? To, string? ReasonCode, string? Reason);
