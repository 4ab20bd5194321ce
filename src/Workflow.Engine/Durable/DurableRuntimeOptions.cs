using Workflow.Engine.Accountability;
using Workflow.Engine.Activities;

namespace Workflow.Engine.Durable;

/// <summary>Services and limits of a <see cref="DurableRuntime"/>.</summary>
public sealed class DurableRuntimeOptions
{
    /// <summary>Clock for timers, task times and history.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Service activities by wf:type.</summary>
    public ActivityRegistry Activities { get; init; } = new();

    /// <summary>Deepest chain of call activities before a call is refused with an incident at the call activity.</summary>
    public int MaxCallDepth { get; init; } = 32;

    /// <summary>Where delegations ("acting for") are found; by default there are none, so nobody may act for anyone.</summary>
    public IDelegationSource Delegations { get; init; } = new InMemoryDelegationSource();

    /// <summary>Further accountability rules (the product's own), evaluated in order after the runtime's built-in checks.</summary>
    public IReadOnlyList<ITransitionRule> Rules { get; init; } = [];
}
