using Workflow.Engine.Expressions;

namespace Workflow.Engine.Model;

/// <summary>What the product needs to know about a human or service task, read from our extension namespace (and Camunda's).</summary>
public sealed class TaskSpec
{
    /// <summary>An empty spec, shared by tasks that declare nothing.</summary>
    public static readonly TaskSpec Empty = new();

    /// <summary>Candidate roles (wf:roles, or camunda:candidateGroups).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>Expression giving the unit whose members may take the task.</summary>
    public CompiledExpression? Unit { get; init; }
    /// <summary>Fixed assignee (camunda:assignee / wf:assignee), kept as written.</summary>
    public string? Assignee { get; init; }
    /// <summary>Registered activity type (wf:type).</summary>
    public string? ActivityType { get; init; }
    /// <summary>Form key (camunda:formKey / wf:formKey).</summary>
    public string? FormKey { get; init; }
    /// <summary>SLA stages, when declared.</summary>
    public SlaSpec? Sla { get; init; }
    /// <summary>Element ids whose completer may not complete this task.</summary>
    public IReadOnlyList<string> NotSameAs { get; init; } = [];
    /// <summary>Outcomes a person may choose; empty means any completion is allowed.</summary>
    public IReadOnlyList<OutcomeSpec> Outcomes { get; init; } = [];
    /// <summary>Form fields.</summary>
    public IReadOnlyList<FormFieldSpec> Fields { get; init; } = [];
    /// <summary>English name (wf:nameEn).</summary>
    public string? NameEn { get; init; }
    /// <summary>Further checks of a completion, attached at import by an <see cref="Import.ITaskSpecDefaults"/>; null when none.</summary>
    public Runtime.ICompletionCheck? CompletionCheck { get; init; }
    /// <summary>
    /// The duty this step performs in a case (wf:duty), e.g. <c>handler</c>, <c>reviewer</c>, <c>approver</c>. Under strict
    /// separation (<see cref="ProcessDefinition.DutySeparation"/>) one person performs at most one duty per case.
    /// </summary>
    public string? Duty { get; init; }
    /// <summary>Variables that become read-only once this task completes (wf:locks); later changes need a reviewed amendment.</summary>
    public IReadOnlyList<string> Locks { get; init; } = [];
    /// <summary>Reason codes (wf:reasonCodes) for this task's outcomes that need a reason and declare no codes of their own.</summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    /// <summary>
    /// Every wf: attribute of the element as written, by local name, so that rules can read flags the engine does not interpret;
    /// an <see cref="Import.ITaskSpecDefaults"/> may add the flags its activity type implies where the file is silent.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    internal static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Finds a declared outcome by id.</summary>
    public OutcomeSpec? FindOutcome(string id)
    {
        foreach (var o in Outcomes)
        {
            if (o.Id == id)
            {
                return o;
            }
        }
        return null;
    }

    /// <summary>The reason codes allowed for an outcome: its own, else the task's; empty means any non-empty code.</summary>
    public IReadOnlyList<string> ReasonCodesFor(OutcomeSpec outcome) => outcome.ReasonCodes.Count > 0 ? outcome.ReasonCodes : ReasonCodes;

    /// <summary>Whether a wf: attribute is present with the value <c>true</c>.</summary>
    public bool Flag(string attribute) => Attributes.TryGetValue(attribute, out var value) && value.Trim() == "true";
}
