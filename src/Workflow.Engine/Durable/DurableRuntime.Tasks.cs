using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>Commands on human tasks, found by task id through the store.</summary>
public sealed partial class DurableRuntime
{
    /// <summary>Claims an open task for <paramref name="userId"/>; refused when someone else holds it.</summary>
    public Task<DurableResult<ProcessInstance>> ClaimAsync(Guid taskId, string userId, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, userId, task => new HistoryLine(HistoryKinds.Claimed, task.ElementId, new { taskId, assignee = userId }),
            (e, d, i) => e.ClaimTask(d, i, taskId, userId), cancellationToken);

    /// <summary>
    /// Returns a claimed task to its candidates. <paramref name="userId"/> is recorded as the actor;
    /// whether someone may release another person's claim is decided by the caller's authorization.
    /// </summary>
    public Task<DurableResult<ProcessInstance>> UnclaimAsync(Guid taskId, string userId, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, userId, task => new HistoryLine(HistoryKinds.Unclaimed, task.ElementId, new { taskId, assignee = task.Assignee }),
            (e, d, i) => e.UnclaimTask(d, i, taskId), cancellationToken);

    /// <summary>Completes an open task; the state returned is that of the instance holding the task.</summary>
    public Task<DurableResult<ProcessInstance>> CompleteAsync(Guid taskId, TaskCompletion completion, string? actor, CancellationToken cancellationToken = default) =>
        // The engine's listener writes the task-completed line (with the actor) itself.
        OnTaskAsync(taskId, actor, null, (e, d, i) => e.CompleteTask(d, i, taskId, completion), cancellationToken);

    private async Task<DurableResult<ProcessInstance>> OnTaskAsync(Guid taskId, string? actor,
        Func<WorkItem, HistoryLine>? line, Func<WorkflowEngine, Model.ProcessDefinition, ProcessInstance, CommandResult> command,
        CancellationToken cancellationToken)
    {
        var work = Begin(actor, cancellationToken);
        // The index may be a moment behind the instance: the task must still be open in what was loaded.
        if (await work.LoadByTaskAsync(taskId).ConfigureAwait(false) is not { } target || target.Instance.FindTask(taskId) is not { } task)
        {
            return DurableResult.Failure<ProcessInstance>(EngineErrors.TaskNotFound, $"task {taskId} is not open");
        }
        return await CompleteCommandAsync(work, target, line?.Invoke(task), command).ConfigureAwait(false);
    }
}
