using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>Administrative commands: cancel, retry an incident, move an instance to another version.</summary>
public sealed partial class DurableRuntime
{
    /// <summary>Cancels a running instance and, through effects, the processes it called.</summary>
    public Task<DurableResult<ProcessInstance>> CancelAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default) =>
        OnInstanceAsync(instanceId, actor, _ => new HistoryLine(HistoryKinds.Cancelled, null), static (e, d, i) => e.Cancel(d, i), cancellationToken);

    /// <summary>Retries the element where an incident stopped a token.</summary>
    public Task<DurableResult<ProcessInstance>> RetryIncidentAsync(Guid instanceId, Guid incidentId, Actor actor, CancellationToken cancellationToken = default) =>
        OnInstanceAsync(instanceId, actor,
            target => target.Instance.Incidents.Find(i => i.Id == incidentId) is { } incident
                ? new HistoryLine(HistoryKinds.IncidentRetried, incident.ElementId, new { incidentId, code = incident.Code })
                : null,
            (e, d, i) => e.RetryIncident(d, i, incidentId), cancellationToken);

    /// <summary>
    /// Moves a running instance to another version of its process. Every element where it waits
    /// (tokens, open tasks, timers, message waits, subprocesses) must have a counterpart in the target
    /// version: the element named by <paramref name="elementMapping"/> (old id → new id), else the
    /// element with the same id. Otherwise the migration is refused with
    /// <see cref="DurableErrors.MigrationInvalid"/>, listing every element that cannot move, and nothing changes.
    /// </summary>
    public async Task<DurableResult<ProcessInstance>> MigrateAsync(Guid instanceId, int targetVersion, IReadOnlyDictionary<string, string>? elementMapping,
        Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor is null)
        {
            return ActorRequired<ProcessInstance>($"instance {instanceId}");
        }
        var work = Begin(actor, cancellationToken);
        if (await work.Guard.CheckDelegationAsync().ConfigureAwait(false) is { } notDelegated)
        {
            return DurableResult.Failure<ProcessInstance>(notDelegated);
        }
        if (await work.LoadAsync(instanceId).ConfigureAwait(false) is not { } target)
        {
            return InstanceNotFound<ProcessInstance>(instanceId);
        }
        var instance = target.Instance;
        if (instance.IsEnded)
        {
            return DurableResult.Failure<ProcessInstance>(EngineErrors.NotRunning, $"instance {instanceId} is {instance.Status.ToString().ToLowerInvariant()}");
        }
        var to = await work.DefinitionAsync(instance.ProcessId, targetVersion).ConfigureAwait(false);
        if (to is null || target.Definition is not { } from)
        {
            return DurableResult.Failure<ProcessInstance>(DurableErrors.ProcessNotFound,
                $"process '{instance.ProcessId}' has no version {(to is null ? targetVersion : instance.Version)}");
        }
        var migrator = new InstanceMigrator(from, to, instance, elementMapping);
        if (migrator.Problems.Count > 0)
        {
            return DurableResult.Failure<ProcessInstance>(DurableErrors.MigrationInvalid,
                $"instance {instanceId} cannot move from version {from.Version} to {to.Version}: {string.Join("; ", migrator.Problems)}");
        }
        migrator.Apply();
        target.Definition = to;
        target.Changed = true;
        work.History.Add(instanceId, HistoryKinds.Migrated, null, new { from = from.Version, to = to.Version, mapping = elementMapping });
        return await work.CommitAsync(instance).ConfigureAwait(false);
    }
}
