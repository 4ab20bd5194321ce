using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>An open human task (user task instance) waiting for a person.</summary>
public sealed class WorkItem
{
    /// <summary>Globally unique task id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>Token waiting on this task.</summary>
    [JsonInclude] public int TokenId { get; internal set; }
    /// <summary>Index of the userTask node.</summary>
    [JsonInclude] public int Node { get; internal set; }
    /// <summary>BPMN id of the userTask.</summary>
    [JsonInclude] public string ElementId { get; internal set; } = "";
    /// <summary>When the task was created.</summary>
    [JsonInclude] public DateTimeOffset CreatedAt { get; internal set; }
    /// <summary>Multi-instance loop counter, or -1.</summary>
    [JsonInclude] public int LoopCounter { get; internal set; } = -1;
    /// <summary>Unit the task belongs to, from the task's unit expression.</summary>
    [JsonInclude] public string? Unit { get; internal set; }
    /// <summary>Who claimed the task, or null while it is open to its candidates.</summary>
    [JsonInclude] public string? Assignee { get; internal set; }
    /// <summary>When the task breaches its SLA (creation + the declared breach duration), or null.</summary>
    [JsonInclude] public DateTimeOffset? DueAt { get; internal set; }
    /// <summary>A pending handover to another person, or null.</summary>
    [JsonInclude] public HandoverOffer? Offer { get; internal set; }
    /// <summary>Local variables (multi-instance element), or null.</summary>
    [JsonInclude] public Dictionary<string, object?>? Local { get; internal set; }
}
