using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Timer jobs given up by the executors (timer incidents): listed with the process and element they belong to, and
/// retried by an administrator once the cause is fixed. A retry is written to the instance's history with its actor.
/// </summary>
public sealed class TimerIncidents
{
    private readonly DurableRuntime _runtime;
    private readonly ITimerJobStore _jobs;

    /// <summary>Creates the incidents view over a runtime (for its instances, definitions and clock) and the job store its executors use.</summary>
    public TimerIncidents(DurableRuntime runtime, ITimerJobStore jobs)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(jobs);
        _runtime = runtime;
        _jobs = jobs;
    }

    /// <summary>Given-up timer jobs, earliest failure first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<TimerIncident>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var failed = await _jobs.FindFailedAsync(limit, cancellationToken).ConfigureAwait(false);
        var incidents = new List<TimerIncident>(failed.Count);
        foreach (var job in failed)
        {
            incidents.Add(await DescribeAsync(job, cancellationToken).ConfigureAwait(false));
        }
        return incidents;
    }

    /// <summary>
    /// Makes a given-up timer job due for the next poll of any executor, with a full set of attempts; refused with
    /// <see cref="DurableErrors.TimerJobNotFound"/> when no armed timer has this id, and with
    /// <see cref="DurableErrors.TimerJobNotFailed"/> when it is not given up (never, or retried already).
    /// </summary>
    public async Task<DurableResult<TimerIncident>> RetryAsync(Guid timerId, Accountability.Actor actor, CancellationToken cancellationToken = default)
    {
        var retry = await _jobs.RetryAsync(timerId, cancellationToken).ConfigureAwait(false);
        switch (retry.Outcome)
        {
            case TimerJobRetryOutcome.NotFound:
                return DurableResult.Failure<TimerIncident>(DurableErrors.TimerJobNotFound, $"no armed timer {timerId}");
            case TimerJobRetryOutcome.NotFailed:
                return DurableResult.Failure<TimerIncident>(DurableErrors.TimerJobNotFailed, $"timer {timerId} is not a failed job");
        }
        var incident = await DescribeAsync(retry.Job!, cancellationToken).ConfigureAwait(false);
        // After the reset, not before: a refused retry must leave no line. Should this write fail, the job is still reset.
        await _runtime.AppendHistoryAsync(incident.InstanceId, HistoryKinds.TimerRetried, incident.ElementId, actor,
            new { timerId, due = incident.Due, attempts = incident.Attempts, error = incident.LastError }, cancellationToken).ConfigureAwait(false);
        return DurableResult.Success(incident);
    }

    private async Task<TimerIncident> DescribeAsync(FailedTimerJob job, CancellationToken cancellationToken)
    {
        var (processId, elementId) = await _runtime.DescribeTimerAsync(job.InstanceId, job.TimerId, cancellationToken).ConfigureAwait(false);
        return new TimerIncident(job.TimerId, job.InstanceId, processId, elementId, job.Due, job.Attempts, job.LastError, job.FailedAt);
    }
}
