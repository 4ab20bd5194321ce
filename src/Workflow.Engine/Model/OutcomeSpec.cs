namespace Workflow.Engine.Model;

/// <summary>An outcome a person may choose when completing a task.</summary>
/// <param name="Id">Value stored in the <c>outcome</c> variable.</param>
/// <param name="Label">Chinese label.</param>
/// <param name="LabelEn">English label.</param>
/// <param name="RequiresReason">Completing with this outcome needs a reason code and a reason text.</param>
public sealed record OutcomeSpec(string Id, string? Label, string? LabelEn, bool RequiresReason)
{
    /// <summary>Reason codes allowed with this outcome (<c>reasonCodes</c>); empty: the task's, or any non-empty code.</summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    /// <summary>
    /// Element id of a reviewer step this outcome may overrule (<c>overrides</c>). Chosen while that step's latest decision
    /// in the case was not its forward (first) outcome, it is an override: it needs a justification (reason code and text)
    /// and moves the responsibility for the outcome from the reviewer to the person choosing it.
    /// </summary>
    public string? Overrides { get; init; }
}
