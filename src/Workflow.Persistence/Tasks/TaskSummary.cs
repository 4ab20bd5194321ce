namespace Workflow.Persistence.Tasks;

/// <summary>A task as an inbox shows it.</summary>
/// <param name="Id">Task id.</param>
/// <param name="InstanceId">Instance holding it.</param>
/// <param name="ProcessId">Process of the instance.</param>
/// <param name="ElementId">BPMN id of the user task.</param>
/// <param name="Name">Name from the definition, when known.</param>
/// <param name="State">Open, closed or cancelled.</param>
/// <param name="CandidateRoles">Roles that may claim it, ordered.</param>
/// <param name="Unit">Unit whose members may claim it, or null for any.</param>
/// <param name="Assignee">Who claimed it, or null.</param>
/// <param name="OfferedTo">Who it is offered to in a pending handover, or null.</param>
/// <param name="BusinessKey">Business key of the instance.</param>
/// <param name="Priority">Higher comes first.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="DueAt">When it breaches its SLA, or null.</param>
/// <param name="ClosedAt">When it left the open state, or null.</param>
/// <param name="Kind">A task of the flow, or an amendment waiting for its review (approved or rejected, not claimed).</param>
public sealed record TaskSummary(
    Guid Id,
    Guid InstanceId,
    string ProcessId,
    string ElementId,
    string? Name,
    TaskState State,
    IReadOnlyList<string> CandidateRoles,
    string? Unit,
    string? Assignee,
    string? OfferedTo,
    string? BusinessKey,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? ClosedAt,
    TaskKind Kind = TaskKind.Task);
