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
}
