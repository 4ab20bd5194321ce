using System.Diagnostics.Metrics;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Fires due timers through <see cref="DurableRuntime.FireTimerAsync(Guid, Guid, CancellationToken)"/>.
/// Several executors (nodes) may poll the same store: the optimistic save lets exactly one of them fire
/// each timer occurrence, and the others see a conflict or a timer that is gone, which is not an error.
/// Timers that came due while no executor ran fire on the first poll.
/// </summary>
/// <remarks>
/// Failures and back-off are kept in memory per executor: after a restart a failing timer is tried
/// afresh. A persistent failure record (and a visible incident) comes with the database job table.
/// </remarks>
public sealed class TimerExecutor
{
    /// <summary>Name of the histogram of timer lag (fire time − due time, milliseconds).</summary>
    public const string LagInstrument = "workflow.timer.lag";

    private const int ConflictRetries = 3;
    private const int LagsKept = 100;

    private static readonly Meter EngineMeter = new("Workflow.Engine");
    private static readonly Histogram<double> Lag = EngineMeter.CreateHistogram<double>(LagInstrument, "ms", "Time from a timer's due time until it fired");

    private readonly DurableRuntime _runtime;
    private readonly TimerExecutorOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Attempts> _attempts = [];
    private readonly Queue<double> _lags = new();

    /// <summary>Creates an executor that fires timers through <paramref name="runtime"/> (and reads its store and clock).</summary>
    public TimerExecutor(DurableRuntime runtime, TimerExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _options = options ?? new TimerExecutorOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxAttempts, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRetryDelay, _options.RetryDelay, nameof(options));
    }

    /// <summary>Timers given up after <see cref="TimerExecutorOptions.MaxAttempts"/> failures.</summary>
    public IReadOnlyList<TimerFailure> Failures
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Where(a => a.Value.Count >= _options.MaxAttempts)
                    .Select(a => new TimerFailure(a.Value.InstanceId, a.Key, a.Value.Count, a.Value.LastError, a.Value.LastAttemptAt)).ToArray();
            }
        }
    }

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

    /// <summary>Fires up to <paramref name="batchSize"/> due timers, earliest first; returns how many this executor fired.</summary>
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var now = _runtime.Clock.GetUtcNow();
        int waiting;
        lock (_gate)
        {
            waiting = _attempts.Count;
        }
        // Ask for more than the batch so that timers in back-off cannot crowd out the rest.
        var due = await _runtime.Instances.FindDueTimersAsync(now, batchSize + waiting, cancellationToken).ConfigureAwait(false);
        var tried = 0;
        var fired = 0;
        foreach (var timer in due)
        {
            if (tried == batchSize)
            {
                break;
            }
            if (!MayTry(timer.TimerId, now))
            {
                continue;
            }
            tried++;
            fired += await FireAsync(timer, cancellationToken).ConfigureAwait(false) ? 1 : 0;
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

    /// <summary>Fires one timer occurrence; true when this executor fired it.</summary>
    private async Task<bool> FireAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= ConflictRetries; attempt++)
        {
            var at = _runtime.Clock.GetUtcNow();
            DurableResult<ProcessInstance> result;
            try
            {
                // Each try loads the instance afresh, so it also checks that the timer still exists and is still this due occurrence.
                result = await _runtime.FireTimerAsync(timer.InstanceId, timer.TimerId, timer.Due, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failed(timer, new EngineError(DurableErrors.TimerFailed, $"{ex.GetType().Name}: {ex.Message}"), at);
                return false;
            }
            if (result.Succeeded)
            {
                Fired(timer, (at - timer.Due).TotalMilliseconds);
                return true;
            }
            switch (result.Error.Code)
            {
                case DurableErrors.ConcurrencyConflict:
                    continue; // another node fired it, or the instance moved: look again
                case EngineErrors.TimerNotFound or DurableErrors.TimerNotDue or DurableErrors.InstanceNotFound or EngineErrors.NotRunning:
                    Forget(timer.TimerId); // fired elsewhere, moved on, or its instance ended: nothing left to do
                    return false;
                default:
                    Failed(timer, result.Error, at);
                    return false;
            }
        }
        return false; // still contended: the next poll finds it again if it is still due
    }

    private bool MayTry(Guid timerId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return !_attempts.TryGetValue(timerId, out var a) || (a.Count < _options.MaxAttempts && a.NextAttemptAt <= now);
        }
    }

    private void Fired(DueTimer timer, double lagMs)
    {
        Lag.Record(lagMs);
        lock (_gate)
        {
            _attempts.Remove(timer.TimerId);
            _lags.Enqueue(lagMs);
            if (_lags.Count > LagsKept)
            {
                _lags.Dequeue();
            }
        }
    }

    private void Forget(Guid timerId)
    {
        lock (_gate)
        {
            _attempts.Remove(timerId);
        }
    }

    private void Failed(DueTimer timer, EngineError error, DateTimeOffset at)
    {
        lock (_gate)
        {
            var count = _attempts.TryGetValue(timer.TimerId, out var previous) ? previous.Count + 1 : 1;
            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(count - 1, 20))));
            _attempts[timer.TimerId] = new Attempts(timer.InstanceId, count, error, at, at + delay);
        }
    }

    private sealed record Attempts(Guid InstanceId, int Count, EngineError LastError, DateTimeOffset LastAttemptAt, DateTimeOffset NextAttemptAt);
}
