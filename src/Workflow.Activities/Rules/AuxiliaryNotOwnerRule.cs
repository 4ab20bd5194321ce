using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Rules;

/// <summary>
/// Auxiliary police co-author but never own an enforcement step (DOMAIN.md §2, §4.2): a person acting only in the
/// <c>auxiliary</c> role may not claim, accept or complete a step flagged <c>wf:enforcement="true"</c> (or of an activity type
/// given as enforcement).
/// </summary>
public sealed class AuxiliaryNotOwnerRule : ITransitionRule
{
    /// <summary>The auxiliary police role code.</summary>
    public const string AuxiliaryRole = "auxiliary";

    /// <summary>The wf: attribute that flags a step as an enforcement step.</summary>
    public const string EnforcementAttribute = "enforcement";

    /// <summary>Code of the refusal.</summary>
    public const string Code = "auxiliary-not-owner";

    private readonly HashSet<string> _enforcementTypes;

    /// <summary>Creates the rule.</summary>
    /// <param name="enforcementTypes">Activity types (wf:type) whose steps are enforcement steps even without the flag.</param>
    public AuxiliaryNotOwnerRule(IEnumerable<string>? enforcementTypes = null) =>
        _enforcementTypes = new HashSet<string>(enforcementTypes ?? [], StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => Code;

    /// <inheritdoc />
    public ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind is not (TransitionKind.Claim or TransitionKind.Complete or TransitionKind.AcceptOffer)
            || context.Node is not { } node
            || !(node.Task.Flag(EnforcementAttribute) || (node.Task.ActivityType is { } type && _enforcementTypes.Contains(type)))
            || context.Roles.Count == 0
            || !context.Roles.All(r => r == AuxiliaryRole))
        {
            return ValueTask.FromResult<EngineError?>(null);
        }
        return ValueTask.FromResult<EngineError?>(new EngineError(Code,
            $"{context.Actor} acts only as an auxiliary and may not own the enforcement step '{node.Id}': auxiliaries co-author, a police officer owns it"));
    }
}
