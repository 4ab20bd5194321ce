using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>
/// Instance state in memory, stored serialised so that a loaded instance is a private copy, exactly
/// as with a database: a command that fails half-way leaves the stored state untouched.
/// </summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Dictionary<Guid, Row> _rows = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(instanceId, out var row)
                ? new StoredInstance(InstanceStateSerializer.Deserialize(row.State), row.Revision)
                : null);
        }
    }

    /// <inheritdoc />
    public Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                var current = _rows.TryGetValue(change.Instance.Id, out var row) ? row.Revision : 0;
                if (current != change.ExpectedRevision)
                {
                    return Task.FromResult(SaveResult.ConflictOn(change.Instance.Id));
                }
            }
            foreach (var change in changes)
            {
                var state = InstanceStateSerializer.Serialize(change.Instance);
                // The snapshot answers queries; it is a copy, never the caller's object.
                _rows[change.Instance.Id] = new Row(state, change.ExpectedRevision + 1, InstanceStateSerializer.Deserialize(state));
            }
            _history.AddRange(history);
            return Task.FromResult(SaveResult.Ok);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEntry>>(_history.Where(h => h.InstanceId == instanceId).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<Guid?> FindByTaskAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var (id, row) in _rows)
            {
                if (row.Snapshot.FindTask(taskId) is not null)
                {
                    return Task.FromResult<Guid?>(id);
                }
            }
            return Task.FromResult<Guid?>(null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Guid>>(_rows.Values
                .Where(r => !r.Snapshot.IsEnded && r.Snapshot.BusinessKey == businessKey)
                .Select(r => r.Snapshot.Id).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DueTimer>>(_rows.Values
                .Where(r => !r.Snapshot.IsEnded)
                .SelectMany(r => r.Snapshot.Timers.Where(t => t.Due <= now).Select(t => new DueTimer(r.Snapshot.Id, t.Id, t.Due)))
                .OrderBy(t => t.Due).ThenBy(t => t.TimerId).Take(limit).ToArray());
        }
    }

    private sealed record Row(byte[] State, long Revision, ProcessInstance Snapshot);
}
