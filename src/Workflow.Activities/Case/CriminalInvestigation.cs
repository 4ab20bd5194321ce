using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 刑事案件侦查: the investigation of a filed criminal case, ending in a proposed decision. It has no
/// legal deadline of its own here; the warning after 30 days marks a stalled investigation (F11).
/// </summary>
public sealed class CriminalInvestigation : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.criminal-investigation";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("刑事案件侦查", "Criminal investigation");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(warn: "P30D");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } = DecisionProposal.Fields(CodeListIds.CriminalDecision, [], penalties: false);
}
