using Workflow.Activities.Validation;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Import;

/// <summary>
/// The engine's view of <see cref="CompletionValidator"/>: attached to every task whose <c>wf:type</c>
/// is a catalogue activity, so <see cref="WorkflowEngine.CompleteTask"/> refuses a completion the
/// activity does not allow, in every runtime. The acting person's roles are not known at this level;
/// rules that need them run in the durable runtime's police rule <see cref="Rules.DecidingLevelRule"/>, which knows the person.
/// </summary>
public sealed class CatalogueCompletionCheck : ICompletionCheck
{
    private readonly string _activityType;
    private readonly CompletionValidator _validator;

    /// <summary>Creates the check of one activity type.</summary>
    public CatalogueCompletionCheck(string activityType, CompletionValidator validator)
    {
        _activityType = activityType;
        _validator = validator;
    }

    /// <inheritdoc />
    public IReadOnlyList<CompletionProblem> Check(CompletionCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = _validator.Validate(new CompletionRequest
        {
            ActivityType = _activityType,
            Spec = context.Node.Task,
            Outcome = context.Completion.Outcome,
            ReasonCode = context.Completion.ReasonCode,
            Reason = context.Completion.Reason,
            Data = context.Data,
            Variables = context.Instance.Variables,
            Now = context.Now,
            DueAt = context.Task.DueAt,
            BusinessKey = context.Instance.BusinessKey,
            CalledByParent = context.Instance.ParentInstanceId is not null,
        });
        return problems.Count == 0
            ? []
            : problems.Select(p => new CompletionProblem(p.Field, p.Code, p.MessageEn)
            {
                Translations = new Dictionary<string, string>(StringComparer.Ordinal) { ["zh-CN"] = p.MessageZh },
            }).ToList();
    }
}
