using Workflow.Engine.Accountability;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>
/// Commands on human tasks, found by task id through the store. Each is made by an authenticated person and checked
/// against the accountability rules (<see cref="TransitionGuard"/>) before anything changes.
/// </summary>
public sealed partial class DurableRuntime
{
    /// <summary>
    /// Claims an open task. The actor must hold one of its candidate roles (none: anyone) and belong to its unit (when it
    /// has one), and separation of duties must allow them; acting for someone, the task is claimed in that person's name.
    /// Refused when someone else holds it.
    /// </summary>
    public Task<DurableResult<ProcessInstance>> ClaimAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, actor, TransitionKind.Claim, null,
            task => new HistoryLine(HistoryKinds.Claimed, task.ElementId, new { taskId, assignee = actor.OnBehalfOf }),
            (e, d, i) => e.ClaimTask(d, i, taskId, actor.OnBehalfOf), cancellationToken);

    /// <summary>Returns a claimed task to its candidates; only its assignee (or someone acting for them) may, and not while it is offered to someone.</summary>
    public Task<DurableResult<ProcessInstance>> UnclaimAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, actor, TransitionKind.Unclaim, null,
            task => new HistoryLine(HistoryKinds.Unclaimed, task.ElementId, new { taskId, assignee = task.Assignee }),
            (e, d, i) => e.UnclaimTask(d, i, taskId), cancellationToken);

    /// <summary>
    /// Completes an open task: only its assignee (or someone acting for them under a valid delegation), still eligible,
    /// within separation of duties, justifying an override, changing no locked variable. The state returned is that of
    /// the instance holding the task; who completed the step, and what they changed, is recorded.
    /// </summary>
    public Task<DurableResult<ProcessInstance>> CompleteAsync(Guid taskId, TaskCompletion completion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        // The engine's listener writes the task-completed line (with the actor) itself.
        return OnTaskAsync(taskId, actor, TransitionKind.Complete, completion, null, (e, d, i) => e.CompleteTask(d, i, taskId, completion), cancellationToken);
    }

    private async Task<DurableResult<ProcessInstance>> OnTaskAsync(Guid taskId, Actor? actor, TransitionKind kind, TaskCompletion? completion,
        Func<WorkItem, HistoryLine>? line, Func<WorkflowEngine, ProcessDefinition, ProcessInstance, CommandResult> command,
        CancellationToken cancellationToken, string? recipient = null)
    {
        var work = Begin(actor, cancellationToken);
        // The index may be a moment behind the instance: the task must still be open in what was loaded.
        if (await work.LoadByTaskAsync(taskId).ConfigureAwait(false) is not { } target || target.Instance.FindTask(taskId) is not { } task)
        {
            return TaskNotOpen(taskId, work);
        }
        if (await work.Guard.CheckTaskAsync(kind, target, task, completion, recipient).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<ProcessInstance>(refused);
        }
        work.History.Role = work.Guard.Role ?? work.History.Role;
        work.History.Unit = work.Guard.Context!.Unit;
        var node = target.Definition!.Definition.Nodes[task.Node];
        if (kind == TransitionKind.Complete)
        {
            work.History.Completion = new CompletionNote(taskId, work.Guard.Edits, work.Guard.Overridden, node.Task.Duty, IsForward(node, completion!));
        }
        if (await work.ExecuteAsync(target, line?.Invoke(task), command).ConfigureAwait(false) is { } failed)
        {
            return DurableResult.Failure<ProcessInstance>(failed);
        }
        if (kind == TransitionKind.Complete)
        {
            Record(target.Instance, node, task, completion!, work.Actor!);
        }
        return await work.CommitAsync(target.Instance).ConfigureAwait(false);
    }

    /// <summary>
    /// The refusal of a task command on an id that is no open task. An inbox also lists amendments waiting for review under
    /// their own id: those are approved or rejected, and the refusal says so.
    /// </summary>
    private static DurableResult<ProcessInstance> TaskNotOpen(Guid taskId, UnitOfWork work)
    {
        foreach (var tracked in work.Loaded)
        {
            if (tracked.Instance.Amendments?.Find(a => a.Id == taskId && a.Status == AmendmentStatus.Pending) is not null)
            {
                return DurableResult.Failure<ProcessInstance>(TransitionGuard.Refuse(AccountabilityErrors.AmendmentReviewOnly, RuleNames.Amendment,
                    $"{taskId} is not a task but an amendment of instance {tracked.Instance.Id} waiting for its review: it is approved or rejected, not claimed, completed or handed over"));
            }
        }
        return DurableResult.Failure<ProcessInstance>(EngineErrors.TaskNotFound, $"task {taskId} is not open");
    }

    private static bool IsForward(FlowNode node, TaskCompletion completion) =>
        node.Task.Outcomes.Count == 0 || completion.Outcome == node.Task.Outcomes[0].Id;

    /// <summary>Who completed the step, in which duty, with which decision; and the variables the step locks.</summary>
    private void Record(ProcessInstance instance, FlowNode node, WorkItem task, TaskCompletion completion, Actor actor)
    {
        var now = Clock.GetUtcNow();
        (instance.Completions ??= []).Add(new CompletionRecord
        {
            ElementId = node.Id,
            By = actor.Id,
            ActingFor = actor.ActingFor,
            Duty = node.Task.Duty,
            Outcome = completion.Outcome,
            Forward = IsForward(node, completion),
            At = now,
        });
        foreach (var name in node.Task.Locks)
        {
            // The first lock stands: the step that decided the record is the one an amendment is reviewed against.
            (instance.Locks ??= new Dictionary<string, FieldLock>(StringComparer.Ordinal))
                .TryAdd(name, new FieldLock
                {
                    ElementId = node.Id,
                    // Kept with the lock: the review of an amendment must not depend on the definition version deployed later.
                    Roles = node.Task.Roles.Count > 0 ? [.. node.Task.Roles] : null,
                    Unit = task.Unit,
                    By = actor.OnBehalfOf,
                    At = now,
                });
        }
    }
}
