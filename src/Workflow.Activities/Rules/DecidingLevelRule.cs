using Workflow.Activities.Validation;
using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Rules;

/// <summary>
/// The competent level decides (DOMAIN.md §3 steps 9 and the extension): the catalogue's rules that depend on the acting
/// person's roles (a detention, a large fine or a criminal decision approved by a county head; an extension beyond seven days)
/// run here, where the person is known. The engine's completion check runs the same activity without the person and skips
/// them.
/// </summary>
public sealed class DecidingLevelRule : ITransitionRule
{
    /// <summary>Name of the rule, and code of its refusal.</summary>
    public const string Code = ProblemCodes.RoleInsufficient;

    private readonly CompletionValidator _validator;

    /// <summary>Creates the rule over a validator (its catalogue and code lists); the shipped one by default.</summary>
    public DecidingLevelRule(CompletionValidator? validator = null) => _validator = validator ?? CompletionValidator.Default;

    /// <inheritdoc />
    public string Name => "deciding-level";

    /// <inheritdoc />
    public ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind != TransitionKind.Complete || context.Node is not { } node || context.Completion is not { } completion
            || context.Instance is not { } instance || _validator.Activities.Find(node.Task.ActivityType) is not { ChecksActorRoles: true } activity)
        {
            return ValueTask.FromResult<EngineError?>(null);
        }
        var problems = _validator.Validate(new CompletionRequest
        {
            ActivityType = activity.Key,
            Spec = node.Task,
            Outcome = completion.Outcome,
            ReasonCode = completion.ReasonCode,
            Reason = completion.Reason,
            Data = completion.Data,
            Variables = instance.Variables,
            Now = context.Now,
            DueAt = context.Task?.DueAt,
            BusinessKey = instance.BusinessKey,
            CalledByParent = instance.ParentInstanceId is not null,
            ActorRoles = context.Roles.ToHashSet(StringComparer.Ordinal),
        }).Where(p => p.Code == ProblemCodes.RoleInsufficient).ToList();
        if (problems.Count == 0)
        {
            // Everything else is the engine's completion check's to report, all at once.
            return ValueTask.FromResult<EngineError?>(null);
        }
        return ValueTask.FromResult<EngineError?>(new EngineError(Code,
            $"{context.Actor} may not decide '{node.Id}' at this level: {string.Join("; ", problems.Select(p => p.MessageEn))}")
        {
            Problems = problems.Select(p => new CompletionProblem(p.Field, p.Code, p.MessageEn)
            {
                Translations = new Dictionary<string, string>(StringComparer.Ordinal) { ["zh-CN"] = p.MessageZh },
            }).ToList(),
        });
    }
}
