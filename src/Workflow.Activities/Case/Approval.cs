using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 审批 (DOMAIN §3 step 9): the unit head or the county head, by decision type, never the handler,
/// approves or returns. Approving against a reviewer's return ("override") needs a written
/// justification and makes the approver answerable for the outcome (DOMAIN §4.6).
/// </summary>
public sealed class Approval : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.approval";

    /// <summary>A station may impose a fine up to this many yuan; above it, the bureau decides (治安管理处罚法 art. 91).</summary>
    public const double UnitFineLimit = 500;

    private static readonly string[] CountyLevelAdminDecisions = ["detention", "licence-revocation"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("审批", "Approval");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.UnitHead, PoliceRoles.CountyHead];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D", calendar: Catalogue.Sla.WorkingDays);
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Approver;
    /// <inheritdoc />
    public override bool ChecksActorRoles => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } =
        [Intake.Type, FilingDecision.Type, AdminInvestigation.Type, CriminalInvestigation.Type, Correction.Type, LegalReview.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("approve", "批准", "Approve"),
        ActivityOutcome.WithReason("return", "退回", "Return for correction", CodeListIds.ReviewDefect),
        // Chosen after a legal review that did not pass, the approver overrules it and answers for the outcome.
        ActivityOutcome.WithReason("override", "否决审核意见并批准", "Approve against the review", CodeListIds.OverrideGround) with { Overrides = LegalReview.Type },
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("approvalOpinion", "审批意见", "Approval opinion", 1000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("行政拘留、吊销许可证、500 元以上罚款及刑事处理决定须县级以上负责人批准（按审批人的角色检查）。",
            "Detention, licence revocation, fines above 500 yuan and criminal decisions need a county head (checked against the approver's roles)."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.Outcome is not ("approve" or "override") || rules.ActorRoles is not { } roles || roles.Contains(PoliceRoles.CountyHead))
        {
            return;
        }
        var decision = rules.Variable("proposedDecision") as string;
        var countyLevel = decision is not null && (CountyLevelAdminDecisions.Contains(decision)
            || (decision == "fine" && rules.Variable("fineAmount") is double fine && fine > UnitFineLimit)
            || rules.CodeLists.Find(CodeListIds.CriminalDecision)?.Contains(decision) == true);
        if (countyLevel)
        {
            rules.Problem(null, ProblemCodes.RoleInsufficient, new($"拟处理意见“{decision}”须县级以上公安机关负责人批准",
                $"the proposed decision '{decision}' needs a county head's approval"));
        }
    }
}
