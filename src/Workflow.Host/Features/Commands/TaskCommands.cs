using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features.Commands;

// The task commands of the inbox and handover (DOMAIN §4.2–4.3), one record each; TaskCommandHandler carries them out.

/// <summary>Claim an open task.</summary>
public sealed record ClaimTask(Guid TaskId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Give a claimed task back.</summary>
public sealed record UnclaimTask(Guid TaskId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Complete a claimed task with an outcome, reason and data.</summary>
public sealed record CompleteTask(Guid TaskId, TaskCompletion Completion, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Offer a claimed task to another person.</summary>
public sealed record OfferTask(Guid TaskId, string To, string? Reason, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Accept an offer made to the actor.</summary>
public sealed record AcceptOffer(Guid TaskId, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Decline an offer, with a reason.</summary>
public sealed record DeclineOffer(Guid TaskId, string Reason, Actor Actor) : IWorkflowCommand<ProcessInstance>;

/// <summary>Withdraw one's own offer.</summary>
public sealed record WithdrawOffer(Guid TaskId, Actor Actor) : IWorkflowCommand<ProcessInstance>;
