using Workflow.Activities.Catalogue;

namespace Workflow.Activities.CrossCutting;

/// <summary>督办 (DOMAIN §3, the "escalate" stage of an SLA): the unit head follows up a step that is running late and records what was done.</summary>
public sealed class Supervise : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.supervise";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("督办", "Supervise overdue step");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.UnitHead];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("supervisionNote", "督办情况", "What was done", 1000).AsRequired(),
    ];
}
