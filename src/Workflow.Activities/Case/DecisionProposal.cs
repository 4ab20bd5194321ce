using Workflow.Activities.Catalogue;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Case;

/// <summary>The form in which a handler proposes a decision (investigations and corrections share it).</summary>
internal static class DecisionProposal
{
    /// <summary>Most days of administrative detention, several offences together (治安管理处罚法 art. 16).</summary>
    public const int MaxDetentionDays = 20;

    public static IReadOnlyList<LocalizedText> Rules { get; } =
    [
        new("拟罚款的须填写罚款金额；拟行政拘留的须填写拘留天数（1–20 日）。", "A proposed fine needs its amount; proposed detention its days (1–20)."),
    ];

    /// <summary>The fields; <paramref name="requiredFor"/> empty with <paramref name="required"/> makes them required for every outcome.</summary>
    public static IReadOnlyList<ActivityField> Fields(string decisionList, string[] requiredFor, bool required = true, bool penalties = true)
    {
        ActivityField Need(ActivityField f) => !required ? f : requiredFor.Length == 0 ? f.AsRequired() : f.RequiredWhen(requiredFor);
        List<ActivityField> fields =
        [
            Need(ActivityField.Text("findings", "调查（侦查）情况", "Findings")),
            Need(ActivityField.Text("evidence", "证据情况", "Evidence")),
            Need(ActivityField.Code("proposedDecision", "拟处理意见", "Proposed decision", decisionList)),
            Need(ActivityField.String("legalBasis", "法律依据", "Legal basis", 500)),
        ];
        if (penalties)
        {
            fields.Add(ActivityField.Number("fineAmount", "罚款金额（元）", "Fine (yuan)", 0, 1_000_000));
            fields.Add(ActivityField.Number("detentionDays", "拘留天数", "Detention days", 1, MaxDetentionDays).Whole());
        }
        return fields;
    }

    public static void Check(RuleContext rules)
    {
        switch (rules.Text("proposedDecision"))
        {
            case "fine":
                rules.Require("fineAmount", new("拟罚款须写明金额", "a proposed fine states its amount"));
                break;
            case "detention":
                rules.Require("detentionDays", new("拟行政拘留须写明天数", "proposed detention states its days"));
                break;
        }
    }
}
