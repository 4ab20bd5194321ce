namespace Workflow.Engine.Durable;

/// <summary>What the timer executor and the timer incidents need of the stores: names for a timer, and history lines outside a command.</summary>
public sealed partial class DurableRuntime
{
    /// <summary>The process and BPMN element of an armed timer, from the stored instance and its definition version; null for what is gone.</summary>
    internal async Task<(string? ProcessId, string? ElementId)> DescribeTimerAsync(Guid instanceId, Guid timerId, CancellationToken cancellationToken)
    {
        if (await Instances.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { Instance: var instance })
        {
            return (null, null);
        }
        if (instance.Timers.Find(t => t.Id == timerId) is not { } job)
        {
            return (instance.ProcessId, null);
        }
        var definition = await _definitions.FindAsync(instance.ProcessId, instance.Version, cancellationToken).ConfigureAwait(false);
        return (instance.ProcessId, definition?.Definition.Nodes[job.Node].Id);
    }

    /// <summary>
    /// Appends one line to an instance's history without changing the instance: for what happens to its timer jobs,
    /// which live beside the instance state, not in it.
    /// </summary>
    internal async Task AppendHistoryAsync(Guid instanceId, string kind, string? elementId, Accountability.Actor? actor, object data, CancellationToken cancellationToken)
    {
        var recorder = new HistoryRecorder(Clock, actor);
        recorder.Add(instanceId, kind, elementId, data);
        await Instances.SaveAsync([], recorder.Entries, cancellationToken).ConfigureAwait(false); // no revision to expect: it cannot conflict
    }
}
