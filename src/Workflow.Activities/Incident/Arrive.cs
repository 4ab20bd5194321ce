using Workflow.Activities.Catalogue;
using Workflow.Engine.Model;

namespace Workflow.Activities.Incident;

/// <summary>
/// 到场 (DOMAIN §3 step 4): the responder lead records the arrival. The target is 5 minutes in town
/// and 10 in the countryside; one task clock cannot follow the area, so the default warns at 5 and
/// breaches at 10 (the area-aware detector F2 is the precise check).
/// </summary>
public sealed class Arrive : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.arrive";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("到场", "Arrive on scene");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(warn: "PT5M", breach: "PT10M");
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.PastTime("arrivedAt", "到场时间", "Arrived at").AsRequired(),
    ];
}
