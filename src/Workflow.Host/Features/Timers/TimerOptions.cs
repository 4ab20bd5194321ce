namespace Workflow.Host.Features.Timers;

/// <summary>Settings under "Workflow:Timers": how the timer executor claims, retries and gives up timer jobs.</summary>
public sealed class TimerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Workflow:Timers";

    /// <summary>Timer jobs claimed per poll.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Failed attempts after which a timer job becomes a timer incident, waiting for an administrator's retry.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failure; doubled after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claimed job is kept from other hosts; what a host that dies holding jobs delays them by.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);
}
