using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Model;

namespace Workflow.Activities.Case;

/// <summary>
/// 告知/回访 (DOMAIN §3 step 12): the reporter is told how the matter stands, by default within 7
/// days of intake (3 after a non-filing or revocation, set in the flow). A failed attempt is recorded with its reason.
/// </summary>
public sealed class NotifyReporter : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.notify-reporter";

    private static readonly string[] Notified = ["notified"];

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("告知回访", "Notify reporter");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.Officer];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "P7D");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Handler;
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("notified", "已告知", "Notified"),
        ActivityOutcome.WithReason("unreachable", "无法告知", "Could not notify", CodeListIds.NotifyFailure),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.PastTime("notifiedAt", "告知时间", "Notified at").RequiredWhen(Notified),
        ActivityField.Code("notifyMethod", "告知方式", "Method", CodeListIds.NotifyMethod).RequiredWhen(Notified),
        ActivityField.String("notifiedPerson", "被告知人", "Person notified", 50).RequiredWhen(Notified),
        ActivityField.Text("content", "告知内容", "What was said", 1000),
        ActivityField.Text("reporterFeedback", "报警人意见", "Reporter's response", 1000),
    ];
}
