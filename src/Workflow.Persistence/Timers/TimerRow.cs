namespace Workflow.Persistence.Timers;

/// <summary>One armed timer of a running instance, kept in step with the instance state on every save.</summary>
public sealed class TimerRow
{
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
}
