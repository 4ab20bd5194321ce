using Workflow.Engine.Model;

namespace Workflow.Activities.Validation;

/// <summary>
/// A task completion to check: what was submitted and what the rules may look at. The engine builds
/// one per completion (<see cref="Import.CatalogueCompletionCheck"/>); a caller that knows more (the
/// acting person's roles) may build its own and call <see cref="CompletionValidator.Validate"/>.
/// </summary>
public sealed class CompletionRequest
{
    /// <summary>The <c>wf:type</c> of the task.</summary>
    public required string ActivityType { get; init; }
    /// <summary>The task's effective spec (catalogue defaults merged with the BPMN); null means the catalogue's defaults alone.</summary>
    public TaskSpec? Spec { get; init; }
    /// <summary>Chosen outcome id.</summary>
    public string? Outcome { get; init; }
    /// <summary>Coded reason (the completion's <c>reasonCode</c>).</summary>
    public string? ReasonCode { get; init; }
    /// <summary>Free-text reason.</summary>
    public string? Reason { get; init; }
    /// <summary>Form data (any JSON-shaped values; normalised before checking).</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }
    /// <summary>The instance's variables before this completion.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    /// <summary>Time of the completion.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>When the task breaches its SLA, if it has one.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>The instance's business key (the incident number in the shipped flows).</summary>
    public string? BusinessKey { get; init; }
    /// <summary>True when the instance was started by a call activity of another process (a case called by its incident).</summary>
    public bool CalledByParent { get; init; }
    /// <summary>Roles of the person completing, when the caller knows them; rules about the deciding level run only then.</summary>
    public IReadOnlySet<string>? ActorRoles { get; init; }
}
