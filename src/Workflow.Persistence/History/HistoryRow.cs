namespace Workflow.Persistence.History;

/// <summary>One line of an instance's history; <see cref="Id"/> gives the order.</summary>
public sealed class HistoryRow
{
    /// <summary>Database-generated, increasing in insertion order.</summary>
    public long Id { get; set; }
    /// <summary>Instance.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>Engine time.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>What happened.</summary>
    public string Kind { get; set; } = "";
    /// <summary>BPMN element, when there is one.</summary>
    public string? ElementId { get; set; }
    /// <summary>Who caused it, when known.</summary>
    public string? Actor { get; set; }
    /// <summary>Details as JSON, when any.</summary>
    public string? Data { get; set; }
}
