namespace Workflow.Persistence.Timers;

/// <summary>
/// One armed timer of a running instance, kept in step with the instance state on every save, and the executors' job
/// for it: lease, failed attempts, back-off and given-up state (<see cref="EfTimerJobStore"/>). A save that re-arms the
/// timer with a new due time resets the job columns; one that drops the timer deletes the row.
/// </summary>
public sealed class TimerRow
{
    /// <summary>Longest <see cref="LastError"/> kept; longer errors are cut.</summary>
    public const int LastErrorLength = 4000;

    /// <summary>Timer id (the engine's timer job id).</summary>
    public Guid Id { get; set; }
    /// <summary>Instance the timer belongs to.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>When it is due.</summary>
    public DateTimeOffset DueAt { get; set; }
    /// <summary>Job executor holding the timer while it fires it, or null.</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>Until when the lease holds; another executor may take the timer after that.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Failed attempts to fire it.</summary>
    public int Attempts { get; set; }
    /// <summary>Error of the last failed attempt.</summary>
    public string? LastError { get; set; }
    /// <summary>After a failed attempt: not to be tried again before then (back-off).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>When the executors gave the timer up (a timer incident); null while it is a live job.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
