using System.Diagnostics.Metrics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Fires due timers through <see cref="DurableRuntime.FireTimerAsync(Guid, Guid, CancellationToken)"/>. Each poll claims
/// a batch of due jobs from an <see cref="ITimerJobStore"/> with a short lease, so that several executors (nodes) on one
/// database share the work instead of all trying the same timers; exactly-once firing itself comes from the instance's
/// revision check, which holds even when a lease expires while its executor still works. Timers that came due while no
/// executor ran are claimed on the first poll.
/// </summary>
/// <remarks>
/// A failed firing is counted in the job store and the job is held back, exponentially longer each time; after
/// <see cref="TimerExecutorOptions.MaxAttempts"/> failures it is given up: a timer incident in the store, seen by every
/// node and after restarts, never claimed again until an administrator retries it (<see cref="TimerIncidents"/>).
/// </remarks>
public sealed class TimerExecutor
{
    /// <summary>Name of the meter that holds <see cref="LagInstrument"/>.</summary>
    public const string MeterName = "Workflow.Engine";

    /// <summary>Name of the histogram of timer lag (fire time − due time, milliseconds).</summary>
    public const string LagInstrument = "workflow.timer.lag";

    private const int ConflictRetries = 3;
    private const int LagsKept = 100;

    private static readonly Meter EngineMeter = new(MeterName);
    private static readonly Histogram<double> Lag = EngineMeter.CreateHistogram<double>(LagInstrument, "ms", "Time from a timer's due time until it fired");

    private readonly DurableRuntime _runtime;
    private readonly ITimerJobStore _jobs;
    private readonly TimerExecutorOptions _options;
    private readonly Lock _gate = new();
    private readonly Queue<double> _lags = new();

    /// <summary>Creates an executor that claims jobs from <paramref name="jobs"/> and fires them through <paramref name="runtime"/> (on its clock).</summary>
    public TimerExecutor(DurableRuntime runtime, ITimerJobStore jobs, TimerExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(jobs);
        _runtime = runtime;
        _jobs = jobs;
        _options = options ?? new TimerExecutorOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxAttempts, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRetryDelay, _options.RetryDelay, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.LeaseDuration, TimeSpan.Zero, nameof(options));
        Owner = _options.Owner ?? DefaultOwner();
        if (string.IsNullOrWhiteSpace(Owner) || Owner.Length > TimerExecutorOptions.MaxOwnerLength)
        {
            throw new ArgumentException($"the owner must be 1 to {TimerExecutorOptions.MaxOwnerLength} characters", nameof(options));
        }
    }

    /// <summary>The name this executor claims jobs under.</summary>
    public string Owner { get; }

    /// <summary>The lags (milliseconds) of the most recent firings by this executor, oldest first.</summary>
    public IReadOnlyList<double> RecentLags
    {
        get
        {
            lock (_gate)
            {
                return _lags.ToArray();
            }
        }
    }

    /// <summary>Why the last poll failed (the store was unreachable, say), or null when it succeeded.</summary>
    public Exception? LastPollError { get; private set; }

    /// <summary>Claims up to <paramref name="batchSize"/> due timer jobs, earliest first, and fires them; returns how many this executor fired.</summary>
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var claimed = await _jobs.ClaimDueAsync(Owner, _runtime.Clock.GetUtcNow(), _options.LeaseDuration, batchSize, cancellationToken).ConfigureAwait(false);
        var fired = 0;
        for (var n = 0; n < claimed.Count; n++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopping: hand back what was not started, so that another node (or this one, restarted) need not wait for the leases.
                foreach (var lease in claimed.Skip(n))
                {
                    await _jobs.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
            fired += await FireAsync(claimed[n], cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }
        return fired;
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled, then returns; a full batch polls again at once.</summary>
    public async Task RunAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RunOnceAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false) == _options.BatchSize;
                LastPollError = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LastPollError = ex; // the store may be away for a moment: poll again later
            }
            if (full)
            {
                continue;
            }
            try
            {
                await Task.Delay(pollInterval, _runtime.Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Fires one claimed timer occurrence; true when this executor fired it.</summary>
    private async Task<bool> FireAsync(TimerJobLease lease, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= ConflictRetries; attempt++)
        {
            var at = _runtime.Clock.GetUtcNow();
            DurableResult<ProcessInstance> result;
            try
            {
                // Each try loads the instance afresh, so it also checks that the timer still exists and is still this due occurrence.
                result = await _runtime.FireTimerAsync(lease.InstanceId, lease.TimerId, lease.Due, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await FailedAsync(lease, new EngineError(DurableErrors.TimerFailed, $"{ex.GetType().Name}: {ex.Message}"), at, cancellationToken).ConfigureAwait(false);
                return false;
            }
            if (result.Succeeded)
            {
                // The save that fired it deleted the job or re-armed it for the next occurrence, lease and attempts reset.
                Fired((at - lease.Due).TotalMilliseconds);
                return true;
            }
            switch (result.Error.Code)
            {
                case DurableErrors.ConcurrencyConflict:
                    continue; // another command saved the instance first: look again
                case EngineErrors.TimerNotFound or DurableErrors.TimerNotDue or DurableErrors.InstanceNotFound or EngineErrors.NotRunning:
                    // Fired elsewhere, moved on, or its instance ended: nothing left to do; the job is normally gone already.
                    await _jobs.ReleaseAsync(lease, cancellationToken).ConfigureAwait(false);
                    return false;
                default:
                    await FailedAsync(lease, result.Error, at, cancellationToken).ConfigureAwait(false);
                    return false;
            }
        }
        await _jobs.ReleaseAsync(lease, cancellationToken).ConfigureAwait(false); // still contended: the next poll claims it again
        return false;
    }

    private void Fired(double lagMs)
    {
        Lag.Record(lagMs);
        lock (_gate)
        {
            _lags.Enqueue(lagMs);
            if (_lags.Count > LagsKept)
            {
                _lags.Dequeue();
            }
        }
    }

    private async Task FailedAsync(TimerJobLease lease, EngineError error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var attempts = lease.Attempts + 1;
        var text = $"{error.Code}: {error.Message}";
        if (attempts < _options.MaxAttempts)
        {
            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
            await _jobs.RecordFailureAsync(lease, text, at + delay, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await _jobs.GiveUpAsync(lease, text, at, cancellationToken).ConfigureAwait(false))
        {
            await RecordIncidentAsync(lease, attempts, error, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Notes the incident in the instance's history as well. Best effort: the job store already holds the incident, and
    /// what made the firing fail is often the very store this line goes to.
    /// </summary>
    private async Task RecordIncidentAsync(TimerJobLease lease, int attempts, EngineError error, CancellationToken cancellationToken)
    {
        try
        {
            var (_, elementId) = await _runtime.DescribeTimerAsync(lease.InstanceId, lease.TimerId, cancellationToken).ConfigureAwait(false);
            await _runtime.AppendHistoryAsync(lease.InstanceId, HistoryKinds.TimerIncident, elementId, DurableRuntime.TimerActor,
                new { timerId = lease.TimerId, due = lease.Due, attempts, code = error.Code, message = error.Message }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left out: the incident is listed from the job store either way.
        }
    }

    private static string DefaultOwner()
    {
        var machine = Environment.MachineName is { Length: > 60 } name ? name[..60] : Environment.MachineName;
        return $"{machine}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }
}
