using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 补正 (DOMAIN §3 steps 8–9, the return loop): the handler corrects what a reviewer or approver
/// returned and resubmits it, or contests the return with a coded ground, which sends it to the
/// approver who may override the review (and then answers for it).
/// </summary>
public sealed class Correction : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.correction";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("补正", "Correct and resubmit");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D", calendar: Catalogue.Sla.WorkingDays);
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("resubmit", "补正后重新提交", "Resubmit"),
        ActivityOutcome.WithReason("contest", "提出异议，报请审批", "Contest the return", CodeListIds.ContestGround),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("correctionNote", "补正情况", "What was corrected", 2000).RequiredWhen("resubmit"),
        .. DecisionProposal.Fields(CodeListIds.AdminDecision, [], required: false),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } = DecisionProposal.Rules;

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules) => DecisionProposal.Check(rules);
}
