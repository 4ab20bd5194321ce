namespace Workflow.Engine.Storage;

/// <summary>
/// The armed timers of running instances seen as jobs for timer executors: which executor holds one (a lease),
/// how often firing it failed, when it may be tried again, and whether it was given up (a timer incident).
/// The jobs themselves follow the instance state (<see cref="IInstanceStore.SaveAsync"/> adds, re-arms and removes
/// them); this contract only claims them and keeps their failure bookkeeping, so that it survives restarts and every
/// node sees it.
/// </summary>
/// <remarks>
/// A job whose timer is re-armed with a new due time (the next occurrence of a cycle) starts afresh: no lease, no
/// attempts, not failed. A job whose timer is fired, withdrawn or whose instance ends is gone, with its bookkeeping.
/// Calls that take a <see cref="TimerJobLease"/> change the job only while that lease is still the job's, for that
/// occurrence; otherwise they change nothing and return false (the lease expired and another executor took the job,
/// or the occurrence was fired or re-armed meanwhile).
/// </remarks>
public interface ITimerJobStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> jobs for <paramref name="owner"/>, earliest due first, until
    /// <paramref name="now"/> + <paramref name="leaseDuration"/>: jobs due at <paramref name="now"/> that no other
    /// executor holds (or whose lease has expired), that are not waiting for their next attempt time, and that were not
    /// given up. Two concurrent calls never claim the same job.
    /// </summary>
    /// <param name="owner">The executor, unique per executor; at most 100 characters.</param>
    /// <param name="now">The executor's clock.</param>
    /// <param name="leaseDuration">How long the claim keeps other executors away.</param>
    /// <param name="limit">Most jobs to claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<TimerJobLease>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int limit, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed job back without a failure (the instance was busy): it may be claimed again at once.</summary>
    Task<bool> ReleaseAsync(TimerJobLease lease, CancellationToken cancellationToken = default);

    /// <summary>Counts a failed attempt, keeps its <paramref name="error"/>, releases the lease and holds the job back until <paramref name="nextAttemptAt"/>.</summary>
    Task<bool> RecordFailureAsync(TimerJobLease lease, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a last failed attempt and gives the job up at <paramref name="failedAt"/>: it is a timer incident, listed by
    /// <see cref="FindFailedAsync"/> and never claimed again until <see cref="RetryAsync"/>.
    /// </summary>
    Task<bool> GiveUpAsync(TimerJobLease lease, string error, DateTimeOffset failedAt, CancellationToken cancellationToken = default);

    /// <summary>Given-up jobs, earliest failure first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<FailedTimerJob>> FindFailedAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resets a given-up job (an administrator's retry): no attempts, no error, not failed, so that the next poll of any
    /// executor claims it. Refused when there is no job with this id, or when it is not failed.
    /// </summary>
    Task<TimerJobRetry> RetryAsync(Guid timerId, CancellationToken cancellationToken = default);
}
