using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>
/// An approver overruling a reviewer (an outcome with <c>overrides</c>, chosen while the reviewer's latest decision in the
/// case was not their step's forward outcome) must justify it with a reason code and a text, and then owns the outcome.
/// </summary>
internal static class OverrideCheck
{
    public static async Task<(EngineError?, CompletionRecord?)> CheckAsync(TransitionContext context, TaskCompletion completion, CancellationToken ct)
    {
        var spec = context.Node!.Task;
        if (completion.Outcome is null || spec.FindOutcome(completion.Outcome) is not { Overrides: { } reviewerStep } outcome)
        {
            return (null, null);
        }
        CompletionRecord? latest = null;
        foreach (var instance in await context.CaseAsync(ct).ConfigureAwait(false))
        {
            foreach (var done in instance.Completions ?? [])
            {
                if (done.ElementId == reviewerStep && (latest is null || done.At >= latest.At))
                {
                    latest = done;
                }
            }
        }
        if (latest is null || latest.Forward)
        {
            return (null, null); // nothing to overrule: an ordinary decision
        }
        var what = $"outcome '{outcome.Id}' of task '{context.Node.Id}' overrules the decision '{latest.Outcome}' of {latest.ActingFor ?? latest.By} at '{reviewerStep}' and";
        if (CompletionRules.CheckReason(spec.ReasonCodesFor(outcome), completion.ReasonCode, completion.Reason, true, what) is { } missing)
        {
            return (TransitionGuard.Refuse(AccountabilityErrors.JustificationRequired, RuleNames.Override, missing.Message), null);
        }
        return (null, latest);
    }
}
