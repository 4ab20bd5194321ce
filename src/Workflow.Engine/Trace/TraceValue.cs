using System.Text.Json;

namespace Workflow.Engine.Trace;

/// <summary>One value a field held: who entered it at which step, what it replaced, and who checked it while it stood.</summary>
public sealed record TraceValue
{
    /// <summary>The instance whose variable it is.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>The step that entered it (null for an amendment).</summary>
    public string? Step { get; init; }

    /// <summary>The task (or amendment) that entered it.</summary>
    public Guid? TaskId { get; init; }

    /// <summary><c>task</c> or <c>amendment</c>.</summary>
    public string Source { get; init; } = "task";

    /// <summary>The entering step's duty.</summary>
    public string? Duty { get; init; }

    /// <summary>When it was entered.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who entered it (for an amendment: its proposer).</summary>
    public required TracePerson EnteredBy { get; init; }

    /// <summary>The value it replaced (absent: none).</summary>
    public JsonElement? Before { get; init; }

    /// <summary>The value.</summary>
    public JsonElement? After { get; init; }

    /// <summary>When a later value replaced it (null: it stands).</summary>
    public DateTimeOffset? ReplacedAt { get; init; }

    /// <summary>Reviews and approvals while it stood, in order.</summary>
    public IReadOnlyList<TraceCheck> Checks { get; init; } = [];

    /// <summary>Who answers for the value: the person in whose name it was entered.</summary>
    public required string Answerable { get; init; }
}
