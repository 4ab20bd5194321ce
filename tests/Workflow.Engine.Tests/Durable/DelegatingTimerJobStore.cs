using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Durable;

/// <summary>Passes every call to another job store; test doubles override what they change.</summary>
internal abstract class DelegatingTimerJobStore(ITimerJobStore inner) : ITimerJobStore
{
    public virtual Task<IReadOnlyList<TimerJobLease>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int limit,
        CancellationToken cancellationToken = default) => inner.ClaimDueAsync(owner, now, leaseDuration, limit, cancellationToken);

    public virtual Task<bool> ReleaseAsync(TimerJobLease lease, CancellationToken cancellationToken = default) => inner.ReleaseAsync(lease, cancellationToken);

    public virtual Task<bool> RecordFailureAsync(TimerJobLease lease, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        inner.RecordFailureAsync(lease, error, nextAttemptAt, cancellationToken);

    public virtual Task<bool> GiveUpAsync(TimerJobLease lease, string error, DateTimeOffset failedAt, CancellationToken cancellationToken = default) =>
        inner.GiveUpAsync(lease, error, failedAt, cancellationToken);

    public virtual Task<IReadOnlyList<FailedTimerJob>> FindFailedAsync(int limit, CancellationToken cancellationToken = default) =>
        inner.FindFailedAsync(limit, cancellationToken);

    public virtual Task<TimerJobRetry> RetryAsync(Guid timerId, CancellationToken cancellationToken = default) => inner.RetryAsync(timerId, cancellationToken);
}
