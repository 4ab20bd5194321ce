using Workflow.Engine.Activities;

namespace Workflow.Engine.Runtime;

/// <summary>Services the engine uses: clock, service activities, listener.</summary>
public sealed class EngineOptions
{
    /// <summary>Clock for timers and task times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Service activities by wf:type.</summary>
    public ActivityRegistry Activities { get; init; } = new();
    /// <summary>
    /// Whether <see cref="WorkflowEngine.CompleteTask"/> consults a task's <see cref="Model.TaskSpec.CompletionCheck"/>.
    /// The simulator turns it off: it fills forms with placeholders to explore paths, not to test form rules.
    /// </summary>
    public bool CheckCompletions { get; init; } = true;
    /// <summary>Optional observer (history, tracing, simulation).</summary>
    public IExecutionListener? Listener { get; init; }
}
