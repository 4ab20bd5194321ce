using Workflow.Activities.Catalogue;
using Workflow.Engine.Model;

namespace Workflow.Activities.Incident;

/// <summary>签收 (DOMAIN §3 step 3): a named duty officer of the unit takes the dispatch and names the responder lead.</summary>
public sealed class Acknowledge : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.acknowledge";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("签收", "Acknowledge dispatch");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.DutyOfficer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(warn: "PT60S", escalate: "PT3M", breach: "PT10M");
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.String("responderLead", "带队民警", "Responder lead", 50).AsRequired(),
        ActivityField.Text("coResponders", "出警人员", "Other responders", 500),
    ];
}
