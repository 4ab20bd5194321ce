namespace Workflow.Engine.Model;

/// <summary>How a timer event computes its due times.</summary>
public enum TimerType
{
    /// <summary>timeDuration: fires once after a duration.</summary>
    Duration,
    /// <summary>timeDate: fires once at an absolute time.</summary>
    Date,
    /// <summary>timeCycle: fires repeatedly (ISO-8601 repeating interval).</summary>
    Cycle,
}

/// <summary>A parsed timer definition (ISO-8601).</summary>
public sealed record TimerDefinition(TimerType Type, string Text, Timers.IsoDuration? Duration, DateTimeOffset? Date, int Repetitions)
{
    /// <summary>Repetitions value meaning "repeat forever" (R/...).</summary>
    public const int Unbounded = -1;
}
