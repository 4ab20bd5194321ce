using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Incident;

/// <summary>
/// 非案件结警审核 (DOMAIN §3 step 5r): the unit head or a legal officer, never the handler, approves
/// closing an incident without a case, or returns it with a coded defect. Due before the daily cut-off
/// (default 24 hours).
/// </summary>
public sealed class ReviewNonCase : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.review-non-case";

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("非案件结警审核", "Review non-case closure");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.UnitHead, PoliceRoles.LegalOfficer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT24H");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Reviewer;
    /// <inheritdoc />
    /// <remarks>
    /// The call record (the seven elements, channel, nature, urgency). Locked on a return too, which is harmless: the return
    /// goes to the feedback, which never rewrites it; the feedback's own fields stay open for the correction.
    /// </remarks>
    public override IReadOnlyList<string> Locks { get; } =
        ["channel", "nature", "urgency", "reporterName", "reporterPhone", "occurredAt", "location", "involvedPersons", "summary", "means", "consequence"];
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } = [Feedback.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("approve", "批准结警", "Approve closure"),
        ActivityOutcome.WithReason("return", "退回", "Return for correction", CodeListIds.ReviewDefect),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.Text("reviewNote", "审核意见", "Review note", 1000),
    ];
}
