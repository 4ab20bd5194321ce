namespace Workflow.Engine.Storage;

/// <summary>
/// Timer jobs in memory, over the armed timers that an instance store reports (<see cref="IInstanceStore.FindDueTimersAsync"/>),
/// for tests and single-process use. Bookkeeping is kept per timer occurrence (timer id and due time), so a timer
/// re-armed with a new due time starts afresh and one that is gone is simply no longer listed, as with the database
/// table, which the instance saves keep in step.
/// </summary>
/// <param name="instances">The store whose armed timers are the jobs.</param>
public sealed class InMemoryTimerJobStore(IInstanceStore instances) : ITimerJobStore
{
    private readonly Dictionary<Guid, Job> _jobs = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimerJobLease>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        // Every due timer, not only the first few: leased, backing-off and failed ones must not crowd out the rest.
        var due = await instances.FindDueTimersAsync(now, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var until = now + leaseDuration;
        var claimed = new List<TimerJobLease>();
        lock (_gate)
        {
            // Bookkeeping that says no more than a fresh job does (the leases of fired timers, mostly) is dropped, so that memory does not grow with every firing.
            _jobs.Where(j => j.Value is { Attempts: 0, FailedAt: null } && !(j.Value.LeaseUntil > now)).Select(j => j.Key).ToList()
                .ForEach(id => _jobs.Remove(id));
            foreach (var timer in due)
            {
                if (claimed.Count == limit)
                {
                    break;
                }
                var job = Current(timer.TimerId, timer.InstanceId, timer.Due);
                if (job.FailedAt is not null || job.NextAttemptAt > now || job.LeaseUntil > now)
                {
                    continue;
                }
                _jobs[timer.TimerId] = job with { Owner = owner, LeaseUntil = until };
                claimed.Add(new TimerJobLease(timer.InstanceId, timer.TimerId, timer.Due, job.Attempts, owner, until));
            }
        }
        return claimed;
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(TimerJobLease lease, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(lease, job => job with { Owner = null, LeaseUntil = null }));

    /// <inheritdoc />
    public Task<bool> RecordFailureAsync(TimerJobLease lease, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(lease, job => job with { Owner = null, LeaseUntil = null, Attempts = job.Attempts + 1, LastError = error, NextAttemptAt = nextAttemptAt }));

    /// <inheritdoc />
    public Task<bool> GiveUpAsync(TimerJobLease lease, string error, DateTimeOffset failedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(lease, job => job with { Owner = null, LeaseUntil = null, Attempts = job.Attempts + 1, LastError = error, NextAttemptAt = null, FailedAt = failedAt }));

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailedTimerJob>> FindFailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var armed = await ArmedAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _jobs.Where(j => j.Value.FailedAt is not null && armed.Contains((j.Key, j.Value.Due)))
                .Select(j => new FailedTimerJob(j.Value.InstanceId, j.Key, j.Value.Due, j.Value.Attempts, j.Value.LastError, j.Value.FailedAt!.Value))
                .OrderBy(j => j.FailedAt).ThenBy(j => j.TimerId).Take(limit).ToArray();
        }
    }

    /// <inheritdoc />
    public async Task<TimerJobRetry> RetryAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        var armed = await ArmedAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_jobs.TryGetValue(timerId, out var job) && job.FailedAt is { } failedAt && armed.Contains((timerId, job.Due)))
            {
                _jobs.Remove(timerId); // a fresh job: no lease, no attempts, no error
                return new TimerJobRetry(TimerJobRetryOutcome.Retried, new FailedTimerJob(job.InstanceId, timerId, job.Due, job.Attempts, job.LastError, failedAt));
            }
            return new TimerJobRetry(armed.Any(a => a.TimerId == timerId) ? TimerJobRetryOutcome.NotFailed : TimerJobRetryOutcome.NotFound, null);
        }
    }

    /// <summary>The job of this occurrence; bookkeeping of an earlier occurrence of the timer does not carry over.</summary>
    private Job Current(Guid timerId, Guid instanceId, DateTimeOffset due) =>
        _jobs.TryGetValue(timerId, out var job) && job.Due == due ? job : new Job(instanceId, due, 0, null, null, null, null, null);

    private bool Update(TimerJobLease lease, Func<Job, Job> change)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(lease.TimerId, out var job) || job.Due != lease.Due || job.Owner != lease.Owner)
            {
                return false;
            }
            _jobs[lease.TimerId] = change(job);
            return true;
        }
    }

    private async Task<HashSet<(Guid TimerId, DateTimeOffset Due)>> ArmedAsync(CancellationToken cancellationToken) =>
        (await instances.FindDueTimersAsync(DateTimeOffset.MaxValue, int.MaxValue, cancellationToken).ConfigureAwait(false))
            .Select(t => (t.TimerId, t.Due)).ToHashSet();

    private sealed record Job(Guid InstanceId, DateTimeOffset Due, int Attempts, string? Owner, DateTimeOffset? LeaseUntil,
        DateTimeOffset? NextAttemptAt, DateTimeOffset? FailedAt, string? LastError);
}
