using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>受案审批 (DOMAIN §3 step 6a): the unit head, not the intake officer, approves the intake within 24 hours (complex: 3 days).</summary>
public sealed class IntakeApproval : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.intake-approval";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("受案审批", "Intake approval");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.UnitHead];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT24H");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Approver;
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } = [Intake.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("approve", "批准", "Approve"),
        ActivityOutcome.WithReason("return", "退回", "Return for correction", CodeListIds.ReviewDefect),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("approvalNote", "审批意见", "Approval note", 1000),
    ];
}
