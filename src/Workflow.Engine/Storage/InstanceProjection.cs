using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>
/// What a database store derives from an instance's state into its own tables (open tasks, armed timers), taken
/// when the instance was loaded. A store compares it with the state being saved and writes only the difference,
/// instead of reading those rows back inside the save's transaction.
/// </summary>
/// <param name="Version">Definition version the instance ran on.</param>
/// <param name="BusinessKey">Business key, copied onto task rows.</param>
/// <param name="Tasks">Open tasks.</param>
/// <param name="Timers">Armed timers (none once the instance has ended: nothing is left to fire).</param>
public sealed record InstanceProjection(int Version, string? BusinessKey, IReadOnlyList<ProjectedTask> Tasks, IReadOnlyList<ProjectedTimer> Timers)
{
    /// <summary>
    /// Anything else the store read with the instance and wants back with its save, opaque to the engine (the database store
    /// keeps the head of the instance's ledger stream here, so that the save need not read it again); null when nothing.
    /// </summary>
    public object? StoreState { get; init; }

    /// <summary>
    /// The instance's status as stored with this projection, so that a store rewrites its status, version, business key and
    /// end columns only when they changed (an indexed column written again costs its index entries); null when not known,
    /// and then they are all written.
    /// </summary>
    public InstanceStatus? Status { get; init; }

    /// <summary>When the instance ended, as stored with this projection (meaningful when <see cref="Status"/> is known).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Amendments waiting for their review, which a store shows in its inbox to those who may review them.</summary>
    public IReadOnlyList<Guid> PendingAmendments { get; init; } = [];

    /// <summary>
    /// Incidents that stop the instance now (none once it has ended), which a store keeps countable so that an administrator
    /// can find every stopped instance without reading every state.
    /// </summary>
    public int OpenIncidents { get; init; }

    /// <summary>The projection of an instance's current state.</summary>
    public static InstanceProjection Of(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var tasks = new ProjectedTask[instance.Tasks.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var t = instance.Tasks[i];
            tasks[i] = new ProjectedTask(t.Id, t.ElementId, t.Assignee, t.Unit, t.DueAt) { OfferedTo = t.Offer?.To };
        }
        var timers = instance.IsEnded ? [] : new ProjectedTimer[instance.Timers.Count];
        for (var i = 0; i < timers.Length; i++)
        {
            timers[i] = new ProjectedTimer(instance.Timers[i].Id, instance.Timers[i].Due);
        }
        return new InstanceProjection(instance.Version, instance.BusinessKey, tasks, timers) {
            PendingAmendments = PendingOf(instance),
            OpenIncidents = OpenIncidentsOf(instance),
            Status = instance.Status,
            EndedAt = instance.EndedAt,
        };
    }

    /// <summary>The incidents stopping <paramref name="instance"/> now: none once it has ended.</summary>
    public static int OpenIncidentsOf(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.IsEnded ? 0 : instance.Incidents.Count;
    }

    private static Guid[] PendingOf(ProcessInstance instance)
    {
        if (instance.Amendments is not { Count: > 0 } amendments)
        {
            return [];
        }
        return [.. amendments.Where(a => a.Status == AmendmentStatus.Pending).Select(a => a.Id)];
    }
}

/// <summary>An open task as projected into a store's task table.</summary>
public sealed record ProjectedTask(Guid Id, string ElementId, string? Assignee, string? Unit, DateTimeOffset? DueAt)
{
    /// <summary>The recipient of a pending handover offer, who must find it in their inbox to accept or decline it.</summary>
    public string? OfferedTo { get; init; }
}

/// <summary>An armed timer as projected into a store's job table.</summary>
public sealed record ProjectedTimer(Guid Id, DateTimeOffset Due);
