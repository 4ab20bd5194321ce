namespace Workflow.Engine.Trace;

/// <summary>An ownership event of a step: claimed, released, offered, accepted, declined, withdrawn.</summary>
/// <param name="Kind">The ledger's event type (<c>claimed</c>, <c>handover-offered</c>, …).</param>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
/// <param name="From">For a handover: the sender (the assignee at the time).</param>
/// <param name="To">For a claim: the new assignee; for a handover: the recipient.</param>
/// <param name="Reason">The reason given, when any (a handover offer or a refusal).</param>
public sealed record TraceEvent(string Kind, DateTimeOffset At, TracePerson By, string? From, string? To, string? Reason);
