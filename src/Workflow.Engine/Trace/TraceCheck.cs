namespace Workflow.Engine.Trace;

/// <summary>A review or approval of a value: a later decision of a checking duty while the value stood.</summary>
/// <param name="InstanceId">The instance of the checking step.</param>
/// <param name="Step">Its element id (null for an amendment's approval).</param>
/// <param name="TaskId">Its task.</param>
/// <param name="Duty">Its duty.</param>
/// <param name="At">When.</param>
/// <param name="By">Who decided.</param>
/// <param name="Outcome">The decision.</param>
/// <param name="Forward">False when it returned or rejected.</param>
/// <param name="ReasonCode">Coded reason.</param>
/// <param name="Reason">Its text.</param>
/// <param name="Answerable">Who answers for the decision: the checker, or the approver who overruled them.</param>
/// <param name="AnswerableBasis">Why (<see cref="TraceAnswerable"/>).</param>
public sealed record TraceCheck(Guid InstanceId, string? Step, Guid? TaskId, string? Duty, DateTimeOffset At, TracePerson By, string? Outcome, bool? Forward,
    string? ReasonCode, string? Reason, string? Answerable, string AnswerableBasis);
