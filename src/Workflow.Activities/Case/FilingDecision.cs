using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 立案审查 (DOMAIN §3 step 7C): the case officer proposes to file or not to file a criminal case
/// within 3 days, or asks for more time (7 days to check a lead, up to 30 with a county head).
/// </summary>
public sealed class FilingDecision : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.filing-decision";

    private static readonly string[] Decided = ["file", "not-file"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("立案审查", "Filing decision");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("file", "拟立案", "Propose to file"),
        ActivityOutcome.WithReason("not-file", "拟不予立案", "Propose not to file", CodeListIds.NonFilingReason),
        ActivityOutcome.WithReason(CommonRules.RequestExtension, "申请延长审查期限", "Request an extension", CodeListIds.ExtensionReason),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("findings", "审查情况", "Findings").RequiredWhen(Decided),
        ActivityField.String("legalBasis", "法律依据", "Legal basis", 500).RequiredWhen(Decided),
        ActivityField.String("chargeName", "涉嫌罪名", "Suspected offence", 100).RequiredWhen("file"),
        ActivityField.Boolean("economicCrime", "经济犯罪", "Economic crime"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("期限届满后不能再申请延期。", "An extension cannot be asked for once the deadline has passed."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules) => CommonRules.ExtensionNotRetroactive(rules);
}
