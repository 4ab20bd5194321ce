namespace Workflow.Engine.Model;

/// <summary>An outcome a person may choose when completing a task.</summary>
/// <param name="Id">Value stored in the <c>outcome</c> variable.</param>
/// <param name="Label">Chinese label.</param>
/// <param name="LabelEn">English label.</param>
/// <param name="RequiresReason">Completing with this outcome needs a reason.</param>
public sealed record OutcomeSpec(string Id, string? Label, string? LabelEn, bool RequiresReason);
