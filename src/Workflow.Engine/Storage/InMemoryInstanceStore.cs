using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>
/// Instance state in memory, stored serialised so that a loaded instance is a private copy, exactly
/// as with a database: a command that fails half-way leaves the stored state untouched.
/// </summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Dictionary<Guid, (byte[] State, long Revision, ProcessInstance Snapshot)> _rows = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<SaveResult> CreateAsync(ProcessInstance instance, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(instance.Id, out var existing))
            {
                return Task.FromResult(SaveResult.Conflict(existing.Revision));
            }
            Write(instance, 1);
            return Task.FromResult(new SaveResult(true, 1));
        }
    }

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
    public Task<SaveResult> SaveAsync(ProcessInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(instance.Id, out var row) || row.Revision != expectedRevision)
            {
                return Task.FromResult(SaveResult.Conflict(row.Revision));
            }
            Write(instance, expectedRevision + 1);
            return Task.FromResult(new SaveResult(true, expectedRevision + 1));
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

    private void Write(ProcessInstance instance, long revision)
    {
        var state = InstanceStateSerializer.Serialize(instance);
        // The snapshot answers queries; it is a copy, never the caller's object.
        _rows[instance.Id] = (state, revision, InstanceStateSerializer.Deserialize(state));
    }
}
