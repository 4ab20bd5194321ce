using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Expressions;

namespace Workflow.Activities.Validation;

/// <summary>
/// Checks a task completion (outcome, reason, form data) against its activity's declarations and
/// rules, and returns every problem at once, each in Chinese and English. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Order: the outcome and its reason; values the task does not declare; each declared field
/// (required for this outcome, type, code list, length, range, form, not in the future); then the
/// activity's rules across fields. An empty list means the completion may go ahead.
/// </remarks>
public sealed class CompletionValidator
{
    /// <summary>
    /// The name under which problems of the coded reason are reported: the completion's <c>reasonCode</c> (the engine's
    /// <c>TaskCompletion.ReasonCode</c>, the task API's <c>reasonCode</c>), which is not a form field.
    /// </summary>
    public const string ReasonCodeField = "reasonCode";
    /// <summary>Longest free-text reason.</summary>
    public const int MaxReasonLength = 2000;

    private static readonly Lazy<CompletionValidator> Shipped = new(() => new CompletionValidator(ActivityCatalogue.Default, CodeListCatalogue.Default));

    /// <summary>Creates a validator over a catalogue and its code lists.</summary>
    public CompletionValidator(ActivityCatalogue activities, CodeListCatalogue codeLists)
    {
        Activities = activities;
        CodeLists = codeLists;
    }

    /// <summary>The validator of the shipped catalogue and code lists.</summary>
    public static CompletionValidator Default => Shipped.Value;

    /// <summary>The activities checked.</summary>
    public ActivityCatalogue Activities { get; }
    /// <summary>The code lists values are checked against.</summary>
    public CodeListCatalogue CodeLists { get; }

    /// <summary>Every problem of the completion; empty when it is acceptable.</summary>
    public IReadOnlyList<ValidationProblem> Validate(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new ProblemList();
        if (Activities.Find(request.ActivityType) is not { } activity)
        {
            problems.Add(null, ProblemCodes.ActivityUnknown, $"活动类型“{request.ActivityType}”不在活动目录中",
                $"'{request.ActivityType}' is not an activity of the catalogue");
            return problems.Items;
        }
        var invalid = new HashSet<string>(StringComparer.Ordinal);
        var data = Normalize(request.Data, invalid, problems);
        CheckOutcome(activity, request, problems);
        var fields = EffectiveDeclarations.Fields(activity, request.Spec).ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var key in data.Keys)
        {
            if (!fields.ContainsKey(key))
            {
                problems.Add(key, ProblemCodes.FieldUnknown, $"本环节不填写“{key}”", $"this step does not take '{key}'");
                invalid.Add(key);
            }
        }
        foreach (var field in fields.Values)
        {
            var present = data.TryGetValue(field.Id, out var value) && value is not null && value is not string { Length: 0 }
                && !(value is string s && string.IsNullOrWhiteSpace(s));
            if (!present)
            {
                if (field.IsRequiredFor(request.Outcome))
                {
                    problems.Add(field.Id, ProblemCodes.FieldRequired, $"请填写“{field.Label.ZhCn}”", $"{field.Label.En} is required");
                }
            }
            else if (!invalid.Contains(field.Id) && !FieldCheck.Check(field, value!, request.Now, CodeLists, problems))
            {
                invalid.Add(field.Id);
            }
        }
        activity.CheckRules(new RuleContext(request, data, fields, invalid, problems, CodeLists));
        return problems.Items;
    }

    private static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?>? raw, HashSet<string> invalid, ProblemList problems)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (raw is null)
        {
            return data;
        }
        foreach (var (key, value) in raw)
        {
            try
            {
                data[key] = JsValues.Normalize(value);
            }
            catch (ArgumentException ex)
            {
                data[key] = null;
                invalid.Add(key);
                problems.Add(key, ProblemCodes.FieldType, $"“{key}”的值无法识别", $"the value of '{key}' cannot be read: {ex.Message}");
            }
        }
        return data;
    }

    private void CheckOutcome(PoliceActivity activity, CompletionRequest request, ProblemList problems)
    {
        var outcomes = EffectiveDeclarations.Outcomes(activity, request.Spec);
        if (outcomes.Count == 0)
        {
            if (!string.IsNullOrEmpty(request.Outcome))
            {
                // An outcome steers the gateways that follow; a step without choices must not set one.
                problems.Add(null, ProblemCodes.OutcomeUnknown, $"本环节没有可选的处理结果（收到“{request.Outcome}”）",
                    $"this step offers no outcome (got '{request.Outcome}')");
            }
            return;
        }
        if (string.IsNullOrEmpty(request.Outcome))
        {
            problems.Add(null, ProblemCodes.OutcomeRequired, $"请选择处理结果：{string.Join("、", outcomes.Select(o => o.Label.ZhCn))}",
                $"choose an outcome: {string.Join(", ", outcomes.Select(o => o.Id))}");
            return;
        }
        var outcome = outcomes.FirstOrDefault(o => o.Id == request.Outcome);
        if (outcome is null)
        {
            problems.Add(null, ProblemCodes.OutcomeUnknown, $"“{request.Outcome}”不是本环节的处理结果（可选：{string.Join("、", outcomes.Select(o => o.Label.ZhCn))}）",
                $"'{request.Outcome}' is not an outcome of this step (allowed: {string.Join(", ", outcomes.Select(o => o.Id))})");
            return;
        }
        if (!outcome.RequiresReason)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            problems.Add(null, ProblemCodes.ReasonRequired, $"选择“{outcome.Label.ZhCn}”须填写理由", $"'{outcome.Label.En}' needs a reason");
        }
        else if (FieldCheck.Length(request.Reason) > MaxReasonLength)
        {
            problems.Add(null, ProblemCodes.TooLong, $"理由不能超过 {MaxReasonLength} 个字", $"the reason must be at most {MaxReasonLength} characters");
        }
        if (outcome.ReasonCodeList is { } listId)
        {
            CheckReasonCode(outcome, listId, request.ReasonCode, problems);
        }
        else if (string.IsNullOrWhiteSpace(request.ReasonCode))
        {
            // An outcome only the file declares has no code list here; it still needs a code (DOMAIN §4.5: coded reason + text).
            problems.Add(ReasonCodeField, ProblemCodes.ReasonCodeRequired, $"选择“{outcome.Label.ZhCn}”须选择理由代码", $"'{outcome.Label.En}' needs a coded reason");
        }
    }

    private void CheckReasonCode(ActivityOutcome outcome, string listId, string? given, ProblemList problems)
    {
        var list = CodeLists.Find(listId);
        var listZh = list?.Label.ZhCn ?? listId;
        var listEn = list?.Label.En ?? listId;
        if (string.IsNullOrWhiteSpace(given))
        {
            problems.Add(ReasonCodeField, ProblemCodes.ReasonCodeRequired,
                $"选择“{outcome.Label.ZhCn}”须选择理由代码（{listZh}）", $"'{outcome.Label.En}' needs a coded reason ({listEn})");
            return;
        }
        var code = given.Trim();
        var applies = outcome.ReasonCodes.Count > 0 ? outcome.ReasonCodes.Contains(code, StringComparer.Ordinal) : list?.Contains(code) ?? true;
        if (!applies || (list is not null && !list.Contains(code)))
        {
            var allowed = outcome.ReasonCodes.Count > 0 ? outcome.ReasonCodes : list?.Items.Select(i => i.Code).ToList() ?? [];
            problems.Add(ReasonCodeField, ProblemCodes.ReasonCodeUnknown, $"理由代码“{code}”不适用于“{outcome.Label.ZhCn}”（可选：{string.Join("、", allowed)}）",
                $"reason code '{code}' does not apply to '{outcome.Label.En}' (allowed: {string.Join(", ", allowed)})");
        }
    }
}
