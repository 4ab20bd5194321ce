using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 受案登记 (DOMAIN §3 step 6): the case officer fills the intake form (cause, source, time, summary,
/// opinion), issues the receipt and links the parent incident; no case exists without one (F12).
/// </summary>
public sealed class Intake : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.intake";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("受案登记", "Case intake");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT24H");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Reference("parentIncidentId", "关联警情编号", "Parent incident").AsRequired(),
        ActivityField.String("cause", "案由", "Cause", 100).AsRequired(),
        ActivityField.Code("source", "案件来源", "Source", CodeListIds.CaseSource).AsRequired(),
        ActivityField.PastTime("acceptedAt", "受案时间", "Accepted at").AsRequired(),
        ActivityField.Text("summary", "简要案情", "Summary").AsRequired(),
        ActivityField.Text("opinion", "受案意见", "Opinion", 1000).AsRequired(),
        ActivityField.Reference("receiptNo", "受案回执编号", "Receipt number").AsRequired(),
        ActivityField.String("coOfficer", "协办民警", "Co-officer", 50),
        ActivityField.Boolean("complex", "重大复杂", "Complex case"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("由警情流程转来的案件，关联警情编号须为该警情（即业务编号）。", "A case called from an incident links that incident (its business key)."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.CalledByParent && rules.BusinessKey is { } incident && rules.Text("parentIncidentId") is { } linked && linked != incident)
        {
            rules.Problem("parentIncidentId", ProblemCodes.Rule, new($"本案由警情 {incident} 转来，关联警情编号应为 {incident}",
                $"this case comes from incident {incident}; it must link {incident}"));
        }
    }
}
