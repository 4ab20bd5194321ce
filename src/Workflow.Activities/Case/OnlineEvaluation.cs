using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Case;

/// <summary>
/// 网上考评 (DOMAIN §3 step 13, §7): a legal officer not involved in the case scores the case file:
/// 100 minus deductions, 0 when a veto item applies.
/// </summary>
public sealed class OnlineEvaluation : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.online-evaluation";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("网上考评", "Online evaluation");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.LegalOfficer];
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } =
    [
        Intake.Type, IntakeApproval.Type, FilingDecision.Type, AdminInvestigation.Type, CriminalInvestigation.Type, LegalReview.Type,
        Approval.Type, Correction.Type, DecideExecute.Type, ClosureReview.Type, NotifyReporter.Type,
    ];
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Evaluator;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Number("score", "案卷评分", "Case-file score", 0, 100).AsRequired(),
        ActivityField.Code("vetoItem", "否决项", "Veto item", CodeListIds.VetoItem),
        ActivityField.Text("deductions", "扣分情况", "Deductions", 2000),
        ActivityField.Text("evaluationNote", "考评意见", "Evaluation note", 2000).AsRequired(),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("有否决项的案卷得 0 分；不满 100 分须写明扣分情况。", "A case file with a veto item scores 0; below 100 the deductions are stated."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        var score = rules.Number("score");
        if (rules.Has("vetoItem") && score is > 0)
        {
            rules.Problem("score", ProblemCodes.Rule, new("有否决项的案卷评分应为 0", "a case file with a veto item scores 0"));
        }
        if (score is < 100 && !rules.Has("vetoItem"))
        {
            rules.Require("deductions", new("评分不满 100 须写明扣分", "a score below 100 states its deductions"));
        }
    }
}
