using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>
/// Handover (DOMAIN.md §4.3): ownership changes only by offer and explicit acceptance. Until the person offered the task
/// accepts it, it stays with its assignee, who remains answerable; a refusal needs a reason; the assignee may withdraw.
/// </summary>
public sealed partial class DurableRuntime
{
    /// <summary>The assignee offers a claimed task to another person; the task stays theirs until that person accepts.</summary>
    public Task<DurableResult<ProcessInstance>> OfferAsync(Guid taskId, string recipient, string? reason, Actor actor, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, actor, TransitionKind.Offer, null,
            task => new HistoryLine(HistoryKinds.HandoverOffered, task.ElementId, new { taskId, from = task.Assignee, to = recipient, reason }),
            (_, _, i) => OnOpenTask(i, taskId, task => task.Offer = new HandoverOffer
            {
                From = task.Assignee!,
                To = recipient.Trim(),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
                At = Clock.GetUtcNow(),
            }),
            cancellationToken, recipient?.Trim());

    /// <summary>The person a task was offered to accepts it and becomes its assignee; they must be eligible to claim it.</summary>
    public Task<DurableResult<ProcessInstance>> AcceptOfferAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, actor, TransitionKind.AcceptOffer, null,
            task => new HistoryLine(HistoryKinds.HandoverAccepted, task.ElementId, new { taskId, from = task.Assignee, to = task.Offer!.To }, "accept"),
            (_, _, i) => OnOpenTask(i, taskId, task =>
            {
                task.Assignee = task.Offer!.To;
                task.Offer = null;
            }),
            cancellationToken);

    /// <summary>The person a task was offered to refuses it, with a reason; the task stays with its assignee.</summary>
    public Task<DurableResult<ProcessInstance>> DeclineOfferAsync(Guid taskId, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Task.FromResult(DurableResult.Failure<ProcessInstance>(
                TransitionGuard.Refuse(EngineErrors.ReasonRequired, RuleNames.Handover, $"declining task {taskId} needs a reason")));
        }
        return OnTaskAsync(taskId, actor, TransitionKind.DeclineOffer, null,
            task => new HistoryLine(HistoryKinds.HandoverDeclined, task.ElementId, new { taskId, from = task.Assignee, to = task.Offer!.To, reason }, "decline"),
            (_, _, i) => OnOpenTask(i, taskId, task => task.Offer = null),
            cancellationToken);
    }

    /// <summary>The assignee takes back an offer that has not been answered.</summary>
    public Task<DurableResult<ProcessInstance>> WithdrawOfferAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, actor, TransitionKind.WithdrawOffer, null,
            task => new HistoryLine(HistoryKinds.HandoverWithdrawn, task.ElementId, new { taskId, from = task.Assignee, to = task.Offer!.To }),
            (_, _, i) => OnOpenTask(i, taskId, task => task.Offer = null),
            cancellationToken);

    private static CommandResult OnOpenTask(ProcessInstance instance, Guid taskId, Action<WorkItem> change)
    {
        if (instance.IsEnded || instance.FindTask(taskId) is not { } task)
        {
            return CommandResult.Fail(EngineErrors.TaskNotFound, $"task {taskId} is not open in instance {instance.Id}");
        }
        change(task);
        return CommandResult.Ok(null);
    }
}
