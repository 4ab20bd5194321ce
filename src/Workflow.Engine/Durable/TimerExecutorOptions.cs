namespace Workflow.Engine.Durable;

/// <summary>Polling, lease and retry settings of a <see cref="TimerExecutor"/>.</summary>
public sealed class TimerExecutorOptions
{
    /// <summary>Longest <see cref="Owner"/>: what the job stores keep.</summary>
    public const int MaxOwnerLength = 100;

    /// <summary>Timers claimed and fired per poll by <see cref="TimerExecutor.RunAsync"/>.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Failed attempts after which a timer job is given up: a timer incident, kept by the job store until an administrator retries it.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait after the first failure; doubled after each further failure.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claim keeps other executors off a job. Firing takes milliseconds; the lease only matters when an
    /// executor dies holding jobs, which other executors then take once it has expired.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Name of the executor in leases; unique per executor. By default machine, process and a random suffix.</summary>
    public string? Owner { get; init; }
}
