namespace Workflow.Engine.Simulation;

/// <summary>A clock that moves only when told to, so simulated timers fire instantly and deterministically.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Current virtual time.</summary>
    public DateTimeOffset Now { get; set; } = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
