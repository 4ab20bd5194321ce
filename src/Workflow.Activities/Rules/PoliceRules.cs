using Workflow.Engine.Accountability;

namespace Workflow.Activities.Rules;

/// <summary>The police-specific accountability rules, registered with the durable runtime (<c>DurableRuntimeOptions.Rules</c>).</summary>
public static class PoliceRules
{
    /// <summary>Every police rule, in evaluation order.</summary>
    /// <param name="enforcementTypes">Activity types whose steps are enforcement steps even without <c>wf:enforcement="true"</c>.</param>
    public static IReadOnlyList<ITransitionRule> Create(IEnumerable<string>? enforcementTypes = null) =>
        [new ParentRequiredRule(), new AuxiliaryNotOwnerRule(enforcementTypes), new DecidingLevelRule()];
}
