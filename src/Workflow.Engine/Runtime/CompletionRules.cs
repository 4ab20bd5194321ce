using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>The generic checks on completing a task: declared outcome, reason where required, required fields.</summary>
internal static class CompletionRules
{
    /// <summary>
    /// A coded reason: when <paramref name="required"/>, a non-empty text and a code (one of <paramref name="codes"/> when
    /// any are declared, else any non-empty code); a code given without being required must still be a declared one.
    /// </summary>
    public static EngineError? CheckReason(IReadOnlyList<string> codes, string? code, string? text, bool required, string what)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            return new EngineError(EngineErrors.ReasonRequired, $"{what} needs a reason: a reason code and a text");
        }
        if (required && string.IsNullOrWhiteSpace(code))
        {
            return new EngineError(EngineErrors.ReasonCodeRequired, codes.Count > 0
                ? $"{what} needs a reason code ({string.Join(", ", codes)})"
                : $"{what} needs a reason code");
        }
        if (!string.IsNullOrWhiteSpace(code) && codes.Count > 0 && !codes.Contains(code.Trim()))
        {
            return new EngineError(EngineErrors.ReasonCodeUnknown, $"'{code}' is not a reason code of {what} (allowed: {string.Join(", ", codes)})");
        }
        return null;
    }

    public static CommandResult? Check(FlowNode node, TaskCompletion completion)
    {
        var spec = node.Task;
        if (spec.Outcomes.Count > 0)
        {
            if (string.IsNullOrEmpty(completion.Outcome))
            {
                return CommandResult.Fail(EngineErrors.OutcomeRequired,
                    $"task '{node.Id}' needs an outcome: {string.Join(", ", spec.Outcomes.Select(o => o.Id))}");
            }
            var outcome = spec.FindOutcome(completion.Outcome);
            if (outcome is null)
            {
                return CommandResult.Fail(EngineErrors.OutcomeUnknown,
                    $"'{completion.Outcome}' is not an outcome of task '{node.Id}' (allowed: {string.Join(", ", spec.Outcomes.Select(o => o.Id))})");
            }
            if (CheckReason(spec.ReasonCodesFor(outcome), completion.ReasonCode, completion.Reason, outcome.RequiresReason,
                    $"outcome '{outcome.Id}' of task '{node.Id}'") is { } refused)
            {
                return CommandResult.Fail(refused.Code, refused.Message);
            }
        }
        List<string>? missing = null;
        foreach (var field in spec.Fields)
        {
            if (field.Required && (completion.Data is null || !completion.Data.TryGetValue(field.Id, out var v) || v is null || v is string { Length: 0 }))
            {
                (missing ??= []).Add(field.Id);
            }
        }
        return missing is null
            ? null
            : CommandResult.Fail(EngineErrors.FieldRequired, $"task '{node.Id}' needs the field(s): {string.Join(", ", missing)}");
    }
}
