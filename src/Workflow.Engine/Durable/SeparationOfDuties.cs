using Workflow.Engine.Accountability;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>
/// Separation of duties across the case (the instance, its callers and the instances they called): whoever completed a
/// step listed in wf:separation may not take this one; under strict separation, whoever performed another duty
/// (wf:duty) in the case may not perform this step's. A person acting for someone counts as both.
/// </summary>
internal static class SeparationOfDuties
{
    public static async Task<EngineError?> CheckAsync(TransitionContext context, string what, CancellationToken ct)
    {
        var spec = context.Node!.Task;
        var duty = context.Definition.DutySeparation == DutySeparation.Strict ? spec.Duty : null;
        if (spec.NotSameAs.Count == 0 && duty is null)
        {
            return null;
        }
        string[] people = context.Actor.ActingFor is { } delegator ? [context.Actor.Id, delegator] : [context.Actor.Id];
        foreach (var instance in await context.CaseAsync(ct).ConfigureAwait(false))
        {
            foreach (var done in instance.Completions ?? [])
            {
                if (people.FirstOrDefault(done.Involves) is not { } person)
                {
                    continue;
                }
                if (spec.NotSameAs.Contains(done.ElementId))
                {
                    return Refused(person, what, $"completed '{done.ElementId}' in this case at {done.At:O}, and this step must be done by someone else");
                }
                if (duty is not null && done.Duty is not null && done.Duty != duty)
                {
                    return Refused(person, what, $"acted as {done.Duty} at '{done.ElementId}' in this case, and may not also act as {duty}");
                }
            }
        }
        return null;
    }

    private static EngineError Refused(string person, string what, string why) =>
        TransitionGuard.Refuse(AccountabilityErrors.SeparationOfDuties, RuleNames.SeparationOfDuties, $"{person} may not {what}: {person} {why}");
}
