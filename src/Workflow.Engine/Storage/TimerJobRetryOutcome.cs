namespace Workflow.Engine.Storage;

/// <summary>What <see cref="ITimerJobStore.RetryAsync"/> did.</summary>
public enum TimerJobRetryOutcome
{
    /// <summary>The failed job was reset and will be claimed on the next poll.</summary>
    Retried,

    /// <summary>No job has this id (its timer fired, was withdrawn, or its instance ended).</summary>
    NotFound,

    /// <summary>The job exists but is not failed (never given up, or already retried).</summary>
    NotFailed,
}
