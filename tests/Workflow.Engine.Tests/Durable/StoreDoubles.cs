using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Durable;

/// <summary>Holds the first save until a second load has happened, so that two commands really overlap.</summary>
internal sealed class PausingInstanceStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
{
    private readonly TaskCompletionSource _secondLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loads;
    private int _saves;

    public override async Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var loaded = await base.LoadAsync(instanceId, cancellationToken);
        if (Interlocked.Increment(ref _loads) == 2)
        {
            _secondLoad.TrySetResult();
        }
        return loaded;
    }

    public override async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _saves) == 1)
        {
            await _secondLoad.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        return await base.SaveAsync(changes, history, cancellationToken);
    }
}

/// <summary>A store whose saves fail (a lost connection, a full disk).</summary>
internal sealed class FailingSaveStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
{
    private int _saves;

    public int Saves => _saves;

    public override Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _saves);
        throw new IOException("the database went away");
    }
}

/// <summary>Yields before every call so that commands of concurrent executors interleave.</summary>
internal sealed class YieldingInstanceStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
{
    public override async Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.LoadAsync(instanceId, cancellationToken);
    }

    public override async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.SaveAsync(changes, history, cancellationToken);
    }
}

/// <summary>Remembers what each save wrote.</summary>
internal sealed class RecordingInstanceStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
{
    public List<IReadOnlyList<InstanceChange>> Saves { get; } = [];

    public override Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        lock (Saves)
        {
            Saves.Add(changes);
        }
        return base.SaveAsync(changes, history, cancellationToken);
    }
}

/// <summary>Signals when a save has been written.</summary>
internal sealed class SignallingInstanceStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
{
    private readonly TaskCompletionSource _saved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the first save that was written.</summary>
    public Task Saved => _saved.Task;

    public override async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
    {
        var result = await base.SaveAsync(changes, history, cancellationToken);
        if (result.Saved)
        {
            _saved.TrySetResult();
        }
        return result;
    }
}
