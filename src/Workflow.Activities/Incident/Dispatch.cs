using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Incident;

/// <summary>派警 (DOMAIN §3 step 2): the dispatcher sends the incident to a unit; emergency within one minute.</summary>
public sealed class Dispatch : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.dispatch";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("派警", "Dispatch");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Dispatcher];
    /// <inheritdoc />
    public override bool IsEnforcementStep => false;
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT1M");
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Code("unit", "派警单位", "Unit", CodeListIds.Unit).AsRequired(),
        ActivityField.Code("area", "辖区类型", "Area", CodeListIds.Area).AsRequired(),
        ActivityField.Text("dispatchNote", "派警指令", "Dispatch instructions", 500),
    ];
}
