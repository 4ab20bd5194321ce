namespace Workflow.Engine.Durable;

/// <summary>Polling and retry settings of a <see cref="TimerExecutor"/>.</summary>
public sealed class TimerExecutorOptions
{
    /// <summary>Timers fired per poll by <see cref="TimerExecutor.RunAsync"/>.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Failed attempts after which a timer is given up and listed in <see cref="TimerExecutor.Failures"/>.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait after the first failure; doubled after each further failure.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);
}
