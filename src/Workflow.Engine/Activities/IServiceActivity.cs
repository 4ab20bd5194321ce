namespace Workflow.Engine.Activities;

/// <summary>Code bound to serviceTasks whose wf:type equals <see cref="Type"/>. Runs synchronously inside a command.</summary>
public interface IServiceActivity
{
    /// <summary>The wf:type this activity serves.</summary>
    string Type { get; }

    /// <summary>Runs the activity.</summary>
    ActivityResult Execute(ActivityContext context);
}
