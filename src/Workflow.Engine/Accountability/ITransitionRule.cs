using Workflow.Engine.Runtime;

namespace Workflow.Engine.Accountability;

/// <summary>
/// An accountability rule the durable runtime evaluates before a transition, after its own checks (registered through
/// <see cref="Durable.DurableRuntimeOptions.Rules"/>). A refusal stops the transition: nothing is saved, and the caller
/// gets the rule's error with <see cref="EngineError.Rule"/> set to <see cref="Name"/>.
/// </summary>
public interface ITransitionRule
{
    /// <summary>Stable name of the rule, reported with its refusals (kebab-case, e.g. <c>parent-required</c>).</summary>
    string Name { get; }

    /// <summary>Checks a transition; null allows it, an error (stable code, English message saying why) refuses it.</summary>
    ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken);
}
