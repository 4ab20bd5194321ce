using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Incident;

/// <summary>
/// 接警登记 (DOMAIN §3 step 1): the call-taker (or, for a walk-in, the duty officer) records the
/// incident with its seven elements (who, when, where, what, how, consequence, caller), then
/// dispatches it or closes it as invalid, duplicate or diverted with a coded reason.
/// </summary>
public sealed class RegisterIncident : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.register-incident";

    private static readonly string[] Dispatched = ["dispatch"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("接警登记", "Register incident");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.CallTaker, PoliceRoles.DutyOfficer];
    /// <inheritdoc />
    /// <remarks>Recording a call is command-centre work an auxiliary may own; the enforcement starts at the scene.</remarks>
    public override bool IsEnforcementStep => false;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("dispatch", "派警", "Dispatch"),
        ActivityOutcome.WithReason("invalid", "无效警情", "Invalid", CodeListIds.Disposition, "invalid", "false-report", "cancelled-by-caller"),
        ActivityOutcome.WithReason("duplicate", "重复警情", "Duplicate", CodeListIds.Disposition, "duplicate"),
        ActivityOutcome.WithReason("divert", "分流", "Divert to another agency", CodeListIds.Disposition, "diverted-12345"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Code("channel", "报警渠道", "Channel", CodeListIds.Channel).AsRequired(),
        ActivityField.Code("nature", "警情性质", "Nature", CodeListIds.Nature).AsRequired(),
        ActivityField.Code("urgency", "紧急程度", "Urgency", CodeListIds.Urgency).AsRequired(),
        ActivityField.String("reporterName", "报警人", "Caller", 50).RequiredWhen(Dispatched),
        ActivityField.String("reporterPhone", "联系电话", "Caller's phone", 20) with
        {
            Pattern = "[0-9+() -]{3,20}",
            PatternHint = new LocalizedText("只能包含数字、空格和 + - ( )", "digits, spaces and + - ( ) only"),
        },
        ActivityField.PastTime("occurredAt", "发生时间", "When").RequiredWhen(Dispatched),
        ActivityField.String("location", "发生地点", "Where").RequiredWhen(Dispatched),
        ActivityField.Text("involvedPersons", "涉及人员", "Who", 2000).RequiredWhen(Dispatched),
        ActivityField.Text("summary", "简要警情", "What happened", 2000).RequiredWhen(Dispatched),
        ActivityField.Text("means", "手段方式", "How", 2000).RequiredWhen(Dispatched),
        ActivityField.Text("consequence", "后果", "Consequence", 1000).RequiredWhen(Dispatched),
        ActivityField.Reference("duplicateOf", "重复的警情编号", "Duplicate of incident").RequiredWhen("duplicate"),
        ActivityField.Reference("receiptNo", "接报回执编号", "Receipt number"),
        ActivityField.Text("evidenceNote", "现场接收证据", "Evidence received", 1000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("来所报警派警时须当场出具回执（填写回执编号）。", "A walk-in that is dispatched needs the receipt issued on the spot (receipt number)."),
        new("刑事、治安警情不能在接警环节作无效或分流处理。", "A criminal or public-order call cannot be closed as invalid or diverted at registration."),
        new("重复警情须关联另一警情，不能关联自身。", "A duplicate links another incident, not itself."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.Outcome == "dispatch" && rules.Text("channel") == "walk-in")
        {
            rules.Require("receiptNo", new("来所报警须当场出具回执", "a walk-in gets a receipt on the spot"));
        }
        if (rules.Outcome is "invalid" or "divert" && rules.Text("nature") is "criminal" or "public-order")
        {
            rules.Problem("nature", ProblemCodes.Rule, new("刑事、治安警情须派警处置，不能作无效或分流处理", "a criminal or public-order call must be dispatched, not closed as invalid or diverted"));
        }
        if (rules.Outcome == "duplicate" && rules.Text("duplicateOf") is { } original && original == rules.BusinessKey)
        {
            rules.Problem("duplicateOf", ProblemCodes.Rule, new("重复警情不能关联自身", "an incident cannot duplicate itself"));
        }
    }
}
