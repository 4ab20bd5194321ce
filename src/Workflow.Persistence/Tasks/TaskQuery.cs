namespace Workflow.Persistence.Tasks;

/// <summary>
/// A user's inbox: the tasks assigned to <see cref="UserId"/>, plus the unassigned tasks they may claim
/// through one of <see cref="Roles"/> in <see cref="Unit"/> (a task without a unit is claimable from any unit).
/// </summary>
public sealed record TaskQuery
{
    /// <summary>Most rows a page may have.</summary>
    public const int MaxTake = 200;

    /// <summary>The user whose inbox this is.</summary>
    public required string UserId { get; init; }
    /// <summary>The user's roles; none means only the tasks assigned to them.</summary>
    public IReadOnlyCollection<string> Roles { get; init; } = [];
    /// <summary>The user's unit; null means only tasks without a unit are claimable.</summary>
    public string? Unit { get; init; }
    /// <summary>Include closed and cancelled tasks (default: open only).</summary>
    public bool IncludeClosed { get; init; }
    /// <summary>Only tasks due strictly before this time.</summary>
    public DateTimeOffset? DueBefore { get; init; }
    /// <summary>Only tasks overdue at this time (due at or before it): pass "now".</summary>
    public DateTimeOffset? OverdueAt { get; init; }
    /// <summary>Only tasks of this process.</summary>
    public string? ProcessId { get; init; }
    /// <summary>Only tasks of instances with this business key.</summary>
    public string? BusinessKey { get; init; }
    /// <summary>Order of the rows.</summary>
    public TaskSort Sort { get; init; } = TaskSort.DueAt;
    /// <summary>Rows to skip.</summary>
    public int Skip { get; init; }
    /// <summary>Rows to return, 1 to <see cref="MaxTake"/>.</summary>
    public int Take { get; init; } = 50;
}
