namespace Workflow.Engine.Trace;

/// <summary>One run of a step (one task) of the case, from the ledger: who owned it, who completed it and with which decision.</summary>
public sealed record TraceStep
{
    /// <summary>The instance holding the step.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>Its process.</summary>
    public string? ProcessId { get; init; }

    /// <summary>BPMN element id (null for an amendment).</summary>
    public string? ElementId { get; init; }

    /// <summary>The task (one run of the step); for an amendment, the amendment id.</summary>
    public Guid? TaskId { get; init; }

    /// <summary><c>task</c>, or <c>amendment</c> for a correction of a locked record.</summary>
    public string Kind { get; init; } = "task";

    /// <summary>The step's duty (wf:duty) as recorded at completion.</summary>
    public string? Duty { get; init; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was completed (null: still open).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Who completed it (for an amendment: who proposed it).</summary>
    public TracePerson? CompletedBy { get; init; }

    /// <summary>The decision.</summary>
    public string? Outcome { get; init; }

    /// <summary>False when the decision returned or rejected (not the step's forward outcome).</summary>
    public bool? Forward { get; init; }

    /// <summary>Coded reason of the decision.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Its text.</summary>
    public string? Reason { get; init; }

    /// <summary>Fields the step changed, before and after.</summary>
    public IReadOnlyList<TraceEdit> Edits { get; init; } = [];

    /// <summary>Claims and handovers, in order.</summary>
    public IReadOnlyList<TraceEvent> Events { get; init; } = [];

    /// <summary>For an amendment: who approved it.</summary>
    public TracePerson? ApprovedBy { get; init; }

    /// <summary>Who answers for the step under the rules (see <see cref="AnswerableBasis"/>); null when nobody owns an open step.</summary>
    public string? Answerable { get; init; }

    /// <summary>Why (<see cref="TraceAnswerable"/>).</summary>
    public required string AnswerableBasis { get; init; }

    /// <summary>The override this step made, or that overruled this step's decision.</summary>
    public TraceOverride? Override { get; init; }
}
