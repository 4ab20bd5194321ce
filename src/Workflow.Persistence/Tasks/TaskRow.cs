namespace Workflow.Persistence.Tasks;

/// <summary>
/// One human task ever created: the inbox. Derived from the instance state on every save
/// (<see cref="Instances.EfInstanceStore"/>), so that inbox queries never read the state blobs.
/// </summary>
public sealed class TaskRow
{
    /// <summary>Task id (the engine's work item id).</summary>
    public Guid Id { get; set; }
    /// <summary>Instance holding the task.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>Process id of the instance.</summary>
    public string ProcessId { get; set; } = "";
    /// <summary>BPMN id of the user task.</summary>
    public string ElementId { get; set; } = "";
    /// <summary>Task name from the definition, when the definition was found at save time.</summary>
    public string? Name { get; set; }
    /// <summary>A task of the flow, or an amendment waiting for its review.</summary>
    public TaskKind Kind { get; set; }
    /// <summary>Open, closed or cancelled.</summary>
    public TaskState State { get; set; }
    /// <summary>Unit whose members may claim it; null when any unit may.</summary>
    public string? Unit { get; set; }
    /// <summary>Who claimed it, or null while it is open to its candidates.</summary>
    public string? Assignee { get; set; }
    /// <summary>The recipient of a pending handover offer (the assignee stays answerable until they accept), or null.</summary>
    public string? OfferedTo { get; set; }
    /// <summary>Business key of the instance.</summary>
    public string? BusinessKey { get; set; }
    /// <summary>Higher comes first; 0 until the engine gives tasks a priority.</summary>
    public int Priority { get; set; }
    /// <summary>When the task was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the task breaches its SLA, or null.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>When the row left the open state.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Candidate roles (from the definition at the time the task was created).</summary>
    public List<TaskCandidateRow> Candidates { get; set; } = [];
}
