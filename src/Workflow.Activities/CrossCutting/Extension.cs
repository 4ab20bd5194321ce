using Workflow.Activities.Case;
using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Incident;
using Workflow.Activities.Validation;
using Workflow.Engine.Model;
using Workflow.Engine.Timers;

namespace Workflow.Activities.CrossCutting;

/// <summary>
/// 延期审批 (DOMAIN §3, extension): the competent level approves or refuses a requested extension.
/// Up to 7 days a unit head may approve; longer (the 30 days of a filing review, the +30 of an
/// administrative case) needs a county head. Never retroactive: the request is refused at its own
/// step once the deadline has passed.
/// </summary>
public sealed class Extension : PoliceActivity
{
    /// <summary>The <c>wf:type</c> key.</summary>
    public const string Type = "police.extension";

    /// <summary>Longest extension one approval grants (economic crime: 60 days).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(60);
    /// <summary>Longest extension a unit head may approve.</summary>
    public static readonly TimeSpan UnitHeadLimit = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Key => Type;
    /// <inheritdoc />
    public override LocalizedText Name { get; } = new("延期审批", "Approve extension");
    /// <inheritdoc />
    public override IReadOnlyList<string> Roles { get; } = [PoliceRoles.UnitHead, PoliceRoles.CountyHead];
    /// <inheritdoc />
    public override SlaSpec? Sla { get; } = Catalogue.Sla.Of(breach: "PT24H");
    /// <inheritdoc />
    public override string? Duty => PoliceDuties.Approver;
    /// <inheritdoc />
    public override bool ChecksActorRoles => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> SeparateFrom { get; } = [Feedback.Type, AdminInvestigation.Type, FilingDecision.Type];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityOutcome> Outcomes { get; } =
    [
        ActivityOutcome.Of("approve", "批准延期", "Approve"),
        ActivityOutcome.WithReason("refuse", "不予延期", "Refuse", CodeListIds.ExtensionRefusal),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<ActivityField> Fields { get; } =
    [
        ActivityField.String("extendBy", "延长期限", "Extend by", 20).RequiredWhen("approve") with
        {
            Pattern = "P(\\d+D|T\\d+H)",
            PatternHint = new LocalizedText("ISO-8601 时长，如 P7D、P30D、PT12H", "an ISO-8601 duration such as P7D, P30D, PT12H"),
        },
        ActivityField.Text("approvalNote", "审批意见", "Approval note", 1000),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> RuleDescriptions { get; } =
    [
        new("一次延期不超过 60 日；超过 7 日须县级以上负责人批准。", "One extension is at most 60 days; more than 7 days needs a county head."),
    ];

    /// <inheritdoc />
    protected internal override void CheckRules(RuleContext rules)
    {
        if (rules.Text("extendBy") is not { } text || !IsoDuration.TryParse(text, out var duration))
        {
            return;
        }
        var length = duration.AddTo(rules.Now) - rules.Now;
        if (length <= TimeSpan.Zero || length > Longest)
        {
            rules.Problem("extendBy", ProblemCodes.OutOfRange, new("延长期限应在 60 日以内", "an extension is at most 60 days"));
        }
        else if (length > UnitHeadLimit && rules.ActorRoles is { } roles && !roles.Contains(PoliceRoles.CountyHead))
        {
            rules.Problem("extendBy", ProblemCodes.RoleInsufficient, new("延期超过 7 日须县级以上公安机关负责人批准", "an extension beyond 7 days needs a county head"));
        }
    }
}
