using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>
/// Durable home of instance state. A command loads instances, runs them through the
/// <see cref="WorkflowEngine"/>, and saves every instance it changed, with history, in one
/// transaction that expects the revisions it loaded: of two commands on the same instance exactly
/// one saves, the other gets a conflict and nothing of it is written.
/// </summary>
public interface IInstanceStore
{
    /// <summary>Loads an instance, or null.</summary>
    Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>Writes all changes and history atomically, or nothing on a revision conflict.</summary>
    Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default);

    /// <summary>The history of an instance, oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>The instance holding an open task, or null.</summary>
    Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instance holding an open task, loaded; null when no open task has this id. Stores that can find and
    /// load it in one query override this; the default asks <see cref="FindByTaskAsync"/>, then <see cref="LoadAsync"/>.
    /// </summary>
    async Task<StoredInstance?> LoadByTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        await FindByTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } id
            ? await LoadAsync(id, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// The instance holding an open task first, then whichever other instances of its case (its caller, the instances its
    /// caller called, the instances it called) the store reads along in the same query; empty when no open task has this
    /// id. Only a prefetch: a caller loads any instance of the case it still needs. Stores whose loads are round trips
    /// override this, because the case-wide rules (separation of duties) read the case on most task commands; the default
    /// reads the one instance (<see cref="LoadByTaskAsync"/>).
    /// </summary>
    async Task<IReadOnlyList<StoredInstance>> LoadWithCaseByTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        await LoadByTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } found ? [found] : [];

    /// <summary>Running instances with this business key (message correlation).</summary>
    Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default);

    /// <summary>Timers due at <paramref name="now"/>, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A timer that is due, and the instance it belongs to.</summary>
public sealed record DueTimer(Guid InstanceId, Guid TimerId, DateTimeOffset Due);
