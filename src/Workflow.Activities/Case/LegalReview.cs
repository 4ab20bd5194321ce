using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 法制审核 (DOMAIN §3 step 8): a legal officer who neither handled nor approves the case passes it,
/// returns it for correction with a coded defect, or rejects it. 3 working days for decisions (the
/// flows set 24 hours where they review an intake or a filing). Reviewers give reasons; they do not edit facts.
/// </summary>
public sealed class LegalReview : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.legal-review";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("法制审核", "Legal review");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.LegalOfficer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D", calendar: Catalogue.Sla.WorkingDays);
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Reviewer;
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } =
        [Intake.Type, FilingDecision.Type, AdminInvestigation.Type, CriminalInvestigation.Type, Correction.Type, Approval.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("pass", "通过", "Pass"),
        ActivityOutcome.WithReason("return", "退回补正", "Return for correction", CodeListIds.ReviewDefect),
        ActivityOutcome.WithReason("reject", "不予通过", "Reject", CodeListIds.ReviewDefect),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("reviewOpinion", "审核意见", "Review opinion", 2000).AsRequired(),
    ];
}
