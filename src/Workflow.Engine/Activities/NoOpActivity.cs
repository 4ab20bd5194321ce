namespace Workflow.Engine.Activities;

/// <summary>wf:type="noop": a service step that deliberately does nothing (a placeholder an administrator draws on purpose).</summary>
public sealed class NoOpActivity : IServiceActivity
{
    /// <inheritdoc />
    public string Type => "noop";

    /// <inheritdoc />
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Completed();
}
