using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 结案审核 (DOMAIN §3 step 11): a legal officer who did not handle the case checks the file against
/// the completeness checklist and closes it (the record then locks) or returns it.
/// </summary>
public sealed class ClosureReview : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.closure-review";

    private static readonly string[] Checklist = ["documentsComplete", "evidenceComplete", "noticesDelivered", "bodyCamArchived"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("结案审核", "Closure review");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.LegalOfficer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P3D", calendar: Catalogue.Sla.WorkingDays);
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Reviewer;
    /// <inheritdoc />
    /// <remarks>
    /// The intake record (受案登记表). Locked on a return too, which is harmless: the return path (file correction) never
    /// rewrites it; the checklist itself stays open, so the next review can tick what was completed.
    /// </remarks>
    public override IReadOnlyList<string> Locks { get; } = ["parentIncidentId", "cause", "source", "acceptedAt", "summary", "opinion", "receiptNo"];
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } =
        [Intake.Type, FilingDecision.Type, AdminInvestigation.Type, CriminalInvestigation.Type, Correction.Type, DecideExecute.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("close", "结案", "Close the case"),
        ActivityOutcome.WithReason("return", "退回补正", "Return for correction", CodeListIds.ReviewDefect),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Boolean("documentsComplete", "法律文书齐全", "Documents complete").AsRequired(),
        ActivityField.Boolean("evidenceComplete", "证据材料齐全", "Evidence complete").AsRequired(),
        ActivityField.Boolean("noticesDelivered", "告知送达完毕", "Notices delivered").AsRequired(),
        ActivityField.Boolean("bodyCamArchived", "执法记录已归档", "Body-cam records archived").AsRequired(),
        ActivityField.Text("reviewOpinion", "审核意见", "Review opinion", 2000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("结案须核对清单全部为“是”。", "Closing needs every checklist item ticked."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.Outcome != "close")
        {
            return;
        }
        foreach (var item in Checklist)
        {
            if (rules.Flag(item) == false)
            {
                var label = rules.Label(item);
                rules.Problem(item, ProblemCodes.Rule, new($"“{label.ZhCn}”未核对通过，不能结案", $"the case cannot close: {label.En} is not ticked"));
            }
        }
    }
}
