using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Catalogue;

/// <summary>
/// A police activity a BPMN user task names with <c>wf:type</c>: who answers for it, its clock, its
/// outcomes and its form, and the rules across fields that a completion must keep. Subclasses are
/// small sealed classes that only declare; <see cref="CompletionValidator"/> applies the declarations.
/// </summary>
public abstract class PoliceActivity
{
    /// <summary>The <c>wf:type</c> value, e.g. <c>police.legal-review</c>.</summary>
    public abstract string Key { get; }
    /// <summary>Name shown to users.</summary>
    public abstract LocalizedText Name { get; }
    /// <summary>Roles that may own the step (DOMAIN §2).</summary>
    public abstract IReadOnlyList<string> Roles { get; }
    /// <summary>An enforcement step: an auxiliary may co-author it but never own it (DOMAIN §4.2).</summary>
    public virtual bool IsEnforcementStep => true;
    /// <summary>Default SLA (DOMAIN §3), or null when the step has no clock of its own.</summary>
    public virtual SlaSpec? Sla => null;
    /// <summary>Outcomes, the normal forward one first; empty when the step has no choice.</summary>
    public virtual IReadOnlyList<ActivityOutcome> Outcomes => [];
    /// <summary>Form fields.</summary>
    public virtual IReadOnlyList<ActivityField> Fields => [];
    /// <summary>Activity keys whose completer may not complete this step in the same instance (separation of duties).</summary>
    public virtual IReadOnlyList<string> SeparateFrom => [];
    /// <summary>
    /// The duty the step performs in a case (<see cref="PoliceDuties"/>), or null for steps outside the handler / reviewer /
    /// approver split (registering, dispatching, acknowledging, arriving, accepting a transfer, supervising).
    /// </summary>
    public virtual string? Duty => null;
    /// <summary>
    /// Variables that lock when the step completes (DOMAIN §4.8: decided and closed records lock). The engine locks them
    /// whatever the outcome, so a step that may also return locks only what its return path never rewrites.
    /// </summary>
    public virtual IReadOnlyList<string> Locks => [];
    /// <summary>
    /// True when <see cref="CheckRules"/> looks at the acting person's roles (<see cref="RuleContext.ActorRoles"/>): the durable
    /// runtime's police rule <c>deciding-level</c> then checks completions again with the person it knows.
    /// </summary>
    public virtual bool ChecksActorRoles => false;
    /// <summary>The rules across fields, in words, for the catalogue page (zh-CN / en).</summary>
    public virtual IReadOnlyList<LocalizedText> RuleDescriptions => [];

    /// <summary>Finds a declared field.</summary>
    public ActivityField? FindField(string id) => Fields.FirstOrDefault(f => f.Id == id);

    /// <summary>Finds a declared outcome.</summary>
    public ActivityOutcome? FindOutcome(string id) => Outcomes.FirstOrDefault(o => o.Id == id);

    /// <summary>
    /// Checks the rules across fields. Runs after the field checks; the typed readers of
    /// <paramref name="rules"/> return null for a missing or mistyped value, so a rule never
    /// reports what a field check already did.
    /// </summary>
    protected internal virtual void CheckRules(RuleContext rules)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
