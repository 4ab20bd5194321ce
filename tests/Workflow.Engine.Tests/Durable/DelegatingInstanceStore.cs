using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Durable;

/// <summary>Passes every call to another store; test doubles override what they change.</summary>
internal abstract class DelegatingInstanceStore(IInstanceStore inner) : IInstanceStore
{
    public virtual Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.LoadAsync(instanceId, cancellationToken);

    public virtual Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(changes, history, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.LoadHistoryAsync(instanceId, cancellationToken);

    public virtual Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default) => inner.FindByTaskAsync(taskId, cancellationToken);

    public virtual Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default) =>
        inner.FindByBusinessKeyAsync(businessKey, cancellationToken);

    public virtual Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        inner.FindDueTimersAsync(now, limit, cancellationToken);
}
