namespace Workflow.Engine.Model;

/// <summary>The three SLA stages of a task: warn the owner, escalate, record a breach.</summary>
public sealed record SlaSpec(Timers.IsoDuration? Warn, Timers.IsoDuration? Escalate, Timers.IsoDuration? Breach, string Calendar);
