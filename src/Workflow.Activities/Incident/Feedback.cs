using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Incident;

/// <summary>
/// 处置与反馈 (DOMAIN §3 step 5): the responder lead records the disposition, the confirmed nature,
/// the parties, the measures, the body-cam reference and whether it is a case; or asks for more time.
/// </summary>
public sealed class Feedback : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.feedback";

    private static readonly string[] Submitted = ["submit"];
    private static readonly string[] CaseDispositions = ["to-admin-case", "to-criminal-case"];
    // Closing a criminal or public-order incident any other way is a downgrade (F6): it needs a written reason, reviewed in step 5r.
    private static readonly string[] KeepsCharacter = ["to-admin-case", "to-criminal-case", "transferred", "on-the-spot-penalty"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("处置与反馈", "Handle and feed back");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(warn: "PT60M", breach: "PT24H");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("submit", "提交反馈", "Submit feedback"),
        ActivityOutcome.WithReason("request-extension", "申请延期", "Request an extension", CodeListIds.ExtensionReason),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Code("disposition", "处置结果", "Disposition", CodeListIds.Disposition).RequiredWhen(Submitted),
        ActivityField.Code("confirmedNature", "确认警情性质", "Confirmed nature", CodeListIds.Nature).RequiredWhen(Submitted),
        ActivityField.Text("parties", "当事人", "Parties", 2000).RequiredWhen(Submitted),
        ActivityField.Text("measures", "处置措施", "Measures taken", 2000).RequiredWhen(Submitted),
        ActivityField.Reference("bodyCamRef", "执法记录仪记录编号", "Body-cam reference").RequiredWhen(Submitted),
        ActivityField.Boolean("isCase", "是否案件", "Case-type incident").RequiredWhen(Submitted),
        ActivityField.Code("transferTo", "移交单位", "Transfer to unit", CodeListIds.Unit),
        ActivityField.Reference("mediationAgreementRef", "调解协议书编号", "Mediation agreement"),
        ActivityField.Reference("penaltyDecisionNo", "当场处罚决定书编号", "On-the-spot penalty decision"),
        ActivityField.Reference("duplicateOf", "重复的警情编号", "Duplicate of incident"),
        ActivityField.Text("reclassificationReason", "改变定性理由", "Reason for reclassification", 1000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("“是否案件”须与处置结果一致：转行政或刑事案件即为案件。", "'Case-type' must agree with the disposition: to an administrative or criminal case means a case."),
        new("移交须写明接收单位（不能是本单位）；书面调解须有协议书编号；当场处罚须有决定书编号；重复警情须关联原警情。",
            "A transfer names the receiving unit (not this one); written mediation needs the agreement number; an on-the-spot penalty its decision number; a duplicate the original incident."),
        new("期限届满后不能再申请延期。", "An extension cannot be asked for once the deadline has passed."),
        new("刑事、治安警情未转案件、移交或当场处罚的，须填写改变定性理由（降格处理，由审核环节复核）。",
            "A criminal or public-order incident closed other than as a case, transfer or on-the-spot penalty needs a reason for the reclassification (a downgrade, re-checked at review)."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        CommonRules.ExtensionNotRetroactive(rules);
        if (rules.Outcome != "submit")
        {
            return;
        }
        var disposition = rules.Text("disposition");
        if (rules.Flag("isCase") is { } isCase && disposition is not null && isCase != CaseDispositions.Contains(disposition))
        {
            rules.Problem("isCase", ProblemCodes.Rule, isCase
                ? new("标记为案件的，处置结果应为转行政案件或转刑事案件", "a case-type incident goes to an administrative or a criminal case")
                : new("处置结果为转案件的，须标记为案件", "an incident sent to a case is case-type"));
        }
        switch (disposition)
        {
            case "transferred":
                rules.Require("transferTo", new("移交须写明接收单位", "a transfer names the receiving unit"));
                if (rules.Text("transferTo") is { } target && target == rules.Variable("unit") as string)
                {
                    rules.Problem("transferTo", ProblemCodes.Rule, new("不能移交给本单位", "an incident cannot be transferred to its own unit"));
                }
                break;
            case "written-mediation":
                rules.Require("mediationAgreementRef", new("书面调解须有调解协议书", "written mediation needs the signed agreement"));
                break;
            case "on-the-spot-penalty":
                rules.Require("penaltyDecisionNo", new("当场处罚须有处罚决定书", "an on-the-spot penalty needs its decision"));
                break;
            case "duplicate":
                rules.Require("duplicateOf", new("重复警情须关联原警情", "a duplicate links the original incident"));
                break;
        }
        if (rules.Text("confirmedNature") is "criminal" or "public-order" && disposition is not null && !KeepsCharacter.Contains(disposition))
        {
            rules.Require("reclassificationReason", new("刑事、治安警情未转案件的属降格处理", "closing a criminal or public-order incident without a case is a downgrade"));
        }
    }
}
