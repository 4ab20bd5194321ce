using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>
/// Durable home of instance state. A command loads an instance, runs it through the
/// <see cref="WorkflowEngine"/>, and saves it expecting the revision it loaded: of two commands on
/// the same instance exactly one saves, the other gets a conflict and changes nothing.
/// </summary>
public interface IInstanceStore
{
    /// <summary>Inserts a new instance at revision 1; a conflict when the id exists.</summary>
    Task<SaveResult> CreateAsync(ProcessInstance instance, CancellationToken cancellationToken = default);

    /// <summary>Loads an instance, or null.</summary>
    Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>Saves when the stored revision still equals <paramref name="expectedRevision"/>.</summary>
    Task<SaveResult> SaveAsync(ProcessInstance instance, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>The instance holding an open task, or null.</summary>
    Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>Running instances with this business key (message correlation).</summary>
    Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default);

    /// <summary>Timers due at <paramref name="now"/>, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A timer that is due, and the instance it belongs to.</summary>
public sealed record DueTimer(Guid InstanceId, Guid TimerId, DateTimeOffset Due);
