using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>Timers and messages.</summary>
public sealed partial class DurableRuntime
{
    /// <summary>The system actor of history lines caused by a timer.</summary>
    public static readonly Actor TimerActor = Actor.System("timer");

    /// <summary>
    /// Times a message delivery is tried again for one instance that another command changed meanwhile:
    /// a message must not be lost to an unrelated command.
    /// </summary>
    private const int ConflictRetries = 3;

    /// <summary>Fires an armed timer; refused with <see cref="DurableErrors.TimerNotDue"/> before its due time.</summary>
    public Task<DurableResult<ProcessInstance>> FireTimerAsync(Guid instanceId, Guid timerId, CancellationToken cancellationToken = default) =>
        FireTimerAsync(instanceId, timerId, null, cancellationToken);

    /// <summary>
    /// Fires a timer; with <paramref name="expectedDue"/>, only the occurrence due then, so that a
    /// repeating timer that another node fired meanwhile (and which moved on to its next due time) is not fired twice.
    /// </summary>
    internal Task<DurableResult<ProcessInstance>> FireTimerAsync(Guid instanceId, Guid timerId, DateTimeOffset? expectedDue, CancellationToken cancellationToken) =>
        OnInstanceAsync(instanceId, TimerActor, target =>
        {
            var job = target.Instance.Timers.Find(t => t.Id == timerId);
            return job is null ? null : new HistoryLine(HistoryKinds.TimerFired, target.Definition?.Definition.Nodes[job.Node].Id, new { timerId, due = job.Due });
        }, (e, d, i) =>
        {
            var job = i.Timers.Find(t => t.Id == timerId);
            if (job is not null && (job.Due > Clock.GetUtcNow() || (expectedDue is { } due && !SameOccurrence(due, job.Due))))
            {
                return CommandResult.Fail(DurableErrors.TimerNotDue, $"timer {timerId} of instance {instanceId} is due at {job.Due:O}");
            }
            return e.FireTimer(d, i, timerId); // refuses an unknown timer or an ended instance
        }, cancellationToken);

    /// <summary>
    /// Whether a due time read from the store's timer index is this due time in the state. Stores may keep
    /// only whole microseconds (PostgreSQL's <c>timestamptz</c> truncates the engine's 100 ns ticks), so
    /// occurrences are told apart to the microsecond; the next occurrence of a repeating timer is later by a whole cycle.
    /// </summary>
    private static bool SameOccurrence(DateTimeOffset indexed, DateTimeOffset due) =>
        indexed.UtcTicks / TimeSpan.TicksPerMicrosecond == due.UtcTicks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// Delivers a message to every running instance with this business key that waits for it, on behalf of
    /// <paramref name="actor"/> (the integration or person that sent it). Each instance is its own unit of work;
    /// returns how many received the message.
    /// </summary>
    public async Task<DurableResult<int>> CorrelateMessageAsync(string messageName, string businessKey, IReadOnlyDictionary<string, object?>? variables,
        Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor is null)
        {
            return ActorRequired<int>($"message '{messageName}'");
        }
        var delivered = 0;
        foreach (var id in await Instances.FindByBusinessKeyAsync(businessKey, cancellationToken).ConfigureAwait(false))
        {
            for (var attempt = 0; attempt <= ConflictRetries; attempt++)
            {
                var result = await DeliverAsync(id, messageName, variables, actor, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    delivered += result.Value ? 1 : 0;
                    break;
                }
                if (result.Error.Code == EngineErrors.InvalidValue)
                {
                    // Bad variables are bad for every instance: nothing has been delivered yet, refuse all.
                    return DurableResult.Failure<int>(result.Error);
                }
                if (result.Error.Code != DurableErrors.ConcurrencyConflict)
                {
                    break; // the instance ended or stopped waiting meanwhile
                }
            }
        }
        return DurableResult.Success(delivered);
    }

    /// <summary>Delivers to one instance; false when it does not wait for the message.</summary>
    private async Task<DurableResult<bool>> DeliverAsync(Guid instanceId, string messageName, IReadOnlyDictionary<string, object?>? variables,
        Actor actor, CancellationToken cancellationToken)
    {
        var work = Begin(actor, cancellationToken);
        if (await work.Guard.CheckDelegationAsync().ConfigureAwait(false) is { } notDelegated)
        {
            return DurableResult.Failure<bool>(notDelegated);
        }
        if (await work.LoadAsync(instanceId).ConfigureAwait(false) is not { Instance.IsEnded: false } target
            || target.Instance.Subscriptions.Find(s => s.MessageName == messageName) is not { } subscription)
        {
            return DurableResult.Success(false);
        }
        var line = new HistoryLine(HistoryKinds.MessageDelivered, target.Definition?.Definition.Nodes[subscription.Node].Id, new { message = messageName });
        if (await work.ExecuteAsync(target, line, (e, d, i) => e.DeliverMessage(d, i, subscription.Id, variables)).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<bool>(refused);
        }
        return await work.CommitAsync(true).ConfigureAwait(false);
    }
}
