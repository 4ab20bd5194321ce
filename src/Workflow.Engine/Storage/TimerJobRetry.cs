namespace Workflow.Engine.Storage;

/// <summary>Result of <see cref="ITimerJobStore.RetryAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Job">When <see cref="TimerJobRetryOutcome.Retried"/>: the job as it was before the reset.</param>
public sealed record TimerJobRetry(TimerJobRetryOutcome Outcome, FailedTimerJob? Job);
