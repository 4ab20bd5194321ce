using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 决定与执行 (DOMAIN §3 step 10): the handler issues the approved decision and delivers the notices
/// to the parties within 3 days. The decision is the one approved: a different one goes back through review.
/// </summary>
public sealed class DecideExecute : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.decide-execute";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("决定与执行", "Decide and execute");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    /// <remarks>The executed decision and the proposal it rests on: a file correction after a closure return may add notes, not change them.</remarks>
    public override IReadOnlyList<string> Locks { get; } =
        ["decision", "decisionNo", "decidedAt", "noticeDeliveredAt", "proposedDecision", "findings", "evidence", "legalBasis", "fineAmount", "detentionDays"];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Code("decision", "处理决定", "Decision", CodeListIds.AdminDecision).AsRequired(),
        ActivityField.Reference("decisionNo", "决定书文号", "Decision number").AsRequired(),
        ActivityField.PastTime("decidedAt", "决定时间", "Decided at").AsRequired(),
        ActivityField.PastTime("noticeDeliveredAt", "送达时间", "Notice delivered at").AsRequired(),
        ActivityField.Text("executionNote", "执行情况", "Execution", 2000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("处理决定须与审批的拟处理意见一致；送达时间不能早于决定时间。", "The decision is the approved proposal; the notice cannot be delivered before the decision."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.Text("decision") is { } decision && rules.Variable("proposedDecision") is string approved && decision != approved)
        {
            rules.Problem("decision", ProblemCodes.Rule, new($"处理决定应为审批的“{approved}”；改变处理意见须重新审核",
                $"the decision must be the approved '{approved}'; another decision goes back through review"));
        }
        if (rules.Time("decidedAt") is { } decided && rules.Time("noticeDeliveredAt") is { } delivered && delivered < decided)
        {
            rules.Problem("noticeDeliveredAt", ProblemCodes.Rule, new("送达时间不能早于决定时间", "the notice cannot be delivered before the decision"));
        }
    }
}
