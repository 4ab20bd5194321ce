using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Incident;
using Workflow.Engine.Model;

namespace Workflow.Activities.CrossCutting;

/// <summary>
/// 移交接收 (DOMAIN §3, handover/transfer): the receiving unit explicitly accepts or refuses (with a
/// reason) within 24 hours; until it accepts, the sender stays answerable.
/// </summary>
public sealed class Handover : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.handover";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("移交接收", "Accept handover");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.DutyOfficer, PoliceRoles.UnitHead];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT24H");
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } = [Feedback.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("accept", "接收", "Accept"),
        ActivityOutcome.WithReason("refuse", "拒绝接收", "Refuse", CodeListIds.HandoverRefusal),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("receiverNote", "接收意见", "Receiver's note", 500),
    ];
}
