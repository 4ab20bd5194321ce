using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 行政案件调查 (DOMAIN §3 step 7A): 30 days from intake, +30 only through an approved extension;
/// the case officer submits the findings, the evidence and the proposed decision.
/// </summary>
public sealed class AdminInvestigation : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.admin-investigation";

    private static readonly string[] Submitted = ["submit"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("行政案件调查", "Administrative investigation");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(warn: "P25D", breach: "P30D");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("submit", "调查终结，提交审核", "Submit for review"),
        ActivityOutcome.WithReason(CommonRules.RequestExtension, "申请延长办案期限", "Request an extension", CodeListIds.ExtensionReason),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } = DecisionProposal.Fields(CodeListIds.AdminDecision, Submitted);
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } = [.. DecisionProposal.Rules,
        new("期限届满后不能再申请延期。", "An extension cannot be asked for once the deadline has passed.")];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        CommonRules.ExtensionNotRetroactive(rules);
        DecisionProposal.Check(rules);
    }
}
