using Workflow.Engine.Activities;

namespace Workflow.Engine.Runtime;

/// <summary>Services the engine uses: clock, service activities, listener.</summary>
public sealed class EngineOptions
{
    /// <summary>Clock for timers and task times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Service activities by wf:type.</summary>
    public ActivityRegistry Activities { get; init; } = new();
    /// <summary>Optional observer (history, tracing, simulation).</summary>
    public IExecutionListener? Listener { get; init; }
}
