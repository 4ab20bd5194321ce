using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features.Commands;

// The instance commands (start, administration, amendments, messages); InstanceCommandHandler carries them out.

/// <summary>Start an instance of a process.</summary>
public sealed record StartInstance(string ProcessId, int? Version, string? BusinessKey, IReadOnlyDictionary<string, object?>? Variables, Actor Actor)
    : IWorkflowCommand<ProcessInstance>;

/// <summary>Cancel an instance.</summary>
public sealed record CancelInstance(Guid InstanceId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Retry an incident.</summary>
public sealed record RetryIncident(Guid InstanceId, Guid IncidentId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Migrate an instance to another version of its process.</summary>
public sealed record MigrateInstance(Guid InstanceId, int TargetVersion, IReadOnlyDictionary<string, string>? Mapping, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Propose a correction of locked values.</summary>
public sealed record ProposeAmendment(Guid InstanceId, IReadOnlyDictionary<string, object?> Changes, string ReasonCode, string Reason, Actor Actor)
    : IWorkflowCommand<Amendment>;

/// <summary>Approve a proposed correction.</summary>
public sealed record ApproveAmendment(Guid InstanceId, Guid AmendmentId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Reject a proposed correction, with a reason.</summary>
public sealed record RejectAmendment(Guid InstanceId, Guid AmendmentId, string ReasonCode, string Reason, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Deliver a message to the instances waiting for it under a business key.</summary>
public sealed record CorrelateMessage(string Name, string BusinessKey, IReadOnlyDictionary<string, object?>? Variables, Actor Actor) : IWorkflowCommand<int>;
