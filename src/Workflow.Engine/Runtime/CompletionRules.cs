using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>The generic checks on completing a task: declared outcome, reason where required, required fields.</summary>
internal static class CompletionRules
{
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
            if (outcome.RequiresReason && string.IsNullOrWhiteSpace(completion.Reason))
            {
                return CommandResult.Fail(EngineErrors.ReasonRequired, $"outcome '{outcome.Id}' of task '{node.Id}' needs a reason");
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
