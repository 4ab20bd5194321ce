namespace Workflow.Engine.Durable;

/// <summary>Values of <see cref="Storage.HistoryEntry.Kind"/> written by the durable runtime.</summary>
public static class HistoryKinds
{
#pragma warning disable CS1591 // the names are the documentation
    public const string Started = "started";
    /// <summary>On the caller's stream: a call activity started the instance named by <c>calledInstanceId</c>.</summary>
    public const string Called = "called";
    public const string Entered = "entered";
    public const string TaskCreated = "task-created";
    public const string TaskCompleted = "task-completed";
    public const string Incident = "incident";
    public const string IncidentRetried = "incident-retried";
    public const string Ended = "ended";
    public const string TimerFired = "timer-fired";
    public const string TimerIncident = "timer-incident";
    public const string TimerRetried = "timer-retried";
    public const string MessageDelivered = "message-delivered";
    public const string Claimed = "claimed";
    public const string Unclaimed = "unclaimed";
    public const string Cancelled = "cancelled";
    public const string Migrated = "migrated";
    public const string HandoverOffered = "handover-offered";
    public const string HandoverAccepted = "handover-accepted";
    public const string HandoverDeclined = "handover-declined";
    public const string HandoverWithdrawn = "handover-withdrawn";
    public const string ResponsibilityShifted = "responsibility-shifted";
    public const string AmendmentProposed = "amendment-proposed";
    public const string AmendmentApplied = "amendment-applied";
    public const string AmendmentRejected = "amendment-rejected";
#pragma warning restore CS1591
}
