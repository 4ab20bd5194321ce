using Workflow.Engine.Accountability;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// One durable command: loads instances at most once, runs the engine on them, carries out the
/// effects across instances in memory, and saves every changed instance with the history in one call.
/// Nothing reaches the store before <see cref="CommitAsync{T}"/>, so a refused or failed command leaves no trace.
/// </summary>
internal sealed class UnitOfWork
{
    private readonly IDefinitionStore _definitions;
    private readonly IInstanceStore _store;
    private readonly int _maxCallDepth;
    private readonly CancellationToken _ct;
    private readonly Dictionary<Guid, TrackedInstance?> _instances = [];
    private readonly Dictionary<(string, int?), DeployedDefinition?> _versions = [];

    public UnitOfWork(DurableRuntimeOptions options, IDefinitionStore definitions, IInstanceStore store, Actor? actor, CancellationToken ct)
    {
        Actor = actor;
        _definitions = definitions;
        _store = store;
        _maxCallDepth = options.MaxCallDepth;
        _ct = ct;
        History = new HistoryRecorder(options.Clock, actor);
        // The engine is a cheap, stateless shell; one per command gives the command its own history listener.
        Engine = new WorkflowEngine(new EngineOptions { Clock = options.Clock, Activities = options.Activities, Listener = History });
        Guard = new TransitionGuard(options, this);
    }

    /// <summary>Who runs the command (checked by <see cref="Guard"/> before anything changes).</summary>
    public Actor? Actor { get; }

    /// <summary>The accountability checks, on this command's instances.</summary>
    public TransitionGuard Guard { get; }

    public CancellationToken CancellationToken => _ct;

    public HistoryRecorder History { get; }

    public WorkflowEngine Engine { get; }

    /// <summary>The instances this command has loaded so far.</summary>
    public IEnumerable<TrackedInstance> Loaded => _instances.Values.OfType<TrackedInstance>();

    /// <summary>An instance with the definition version it runs on, from this command's cache or the store; null when unknown.</summary>
    public async Task<TrackedInstance?> LoadAsync(Guid instanceId)
    {
        if (_instances.TryGetValue(instanceId, out var known))
        {
            return known;
        }
        var stored = await _store.LoadAsync(instanceId, _ct).ConfigureAwait(false);
        return await TrackAsync(instanceId, stored).ConfigureAwait(false);
    }

    /// <summary>
    /// The instance holding an open task, loaded through the store in one step with what the store reads along of its case
    /// (kept for <see cref="CaseAsync"/> and the effects on the caller); null when no open task has this id.
    /// </summary>
    public async Task<TrackedInstance?> LoadByTaskAsync(Guid taskId)
    {
        var stored = await _store.LoadWithCaseByTaskAsync(taskId, _ct).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return null;
        }
        foreach (var other in stored.Skip(1))
        {
            if (!_instances.ContainsKey(other.Instance.Id))
            {
                await TrackAsync(other.Instance.Id, other).ConfigureAwait(false);
            }
        }
        return await TrackAsync(stored[0].Instance.Id, stored[0]).ConfigureAwait(false);
    }

    private async Task<TrackedInstance?> TrackAsync(Guid instanceId, StoredInstance? stored)
    {
        TrackedInstance? tracked = null;
        if (stored is not null)
        {
            var definition = await DefinitionAsync(stored.Instance.ProcessId, stored.Instance.Version).ConfigureAwait(false);
            tracked = new TrackedInstance(stored.Instance, stored.Revision, definition) { Loaded = stored.Projection };
        }
        _instances[instanceId] = tracked;
        return tracked;
    }

    /// <summary>
    /// The case of an instance: its root caller and every instance called from there, directly or not, ended ones included.
    /// Loaded through this command's cache, so that rules see the same state the command changes.
    /// </summary>
    public async Task<IReadOnlyList<ProcessInstance>> CaseAsync(Guid instanceId)
    {
        if (await LoadAsync(instanceId).ConfigureAwait(false) is not { } root)
        {
            return [];
        }
        // Bounded by the call depth, so that a corrupted parent chain that loops cannot hang the command.
        for (var depth = 0; depth < _maxCallDepth && root.Instance.ParentInstanceId is { } p && await LoadAsync(p).ConfigureAwait(false) is { } parent; depth++)
        {
            root = parent;
        }
        var found = new List<ProcessInstance>();
        var seen = new HashSet<Guid> { root.Instance.Id };
        var queue = new Queue<TrackedInstance>([root]);
        while (queue.TryDequeue(out var next))
        {
            found.Add(next.Instance);
            // Tokens name the children of instances saved before Called existed.
            var children = (next.Instance.Called ?? []).Concat(next.Instance.Tokens.Select(t => t.ChildInstance).OfType<Guid>());
            foreach (var child in children)
            {
                if (seen.Add(child) && await LoadAsync(child).ConfigureAwait(false) is { } loaded)
                {
                    queue.Enqueue(loaded);
                }
            }
        }
        return found;
    }

    /// <summary>A definition version (latest when null), asked of the store once per command so that every call sees the same latest.</summary>
    public async Task<DeployedDefinition?> DefinitionAsync(string processId, int? version)
    {
        if (!_versions.TryGetValue((processId, version), out var found))
        {
            found = await _definitions.FindAsync(processId, version, _ct).ConfigureAwait(false);
            _versions[(processId, version)] = found;
        }
        return found;
    }

    /// <summary>Starts an instance (not its effects: see <see cref="DrainAsync"/>).</summary>
    public CommandResult Start(DeployedDefinition definition, StartRequest request, out TrackedInstance? started)
    {
        var id = request.InstanceId ?? throw new ArgumentException("the runtime chooses instance ids", nameof(request));
        var mark = History.Mark;
        History.Add(id, HistoryKinds.Started, null, new
        {
            processId = definition.ProcessId,
            version = definition.Version,
            businessKey = request.BusinessKey,
            parentInstanceId = request.ParentInstanceId,
        });
        var instance = Engine.Start(definition.Definition, request, out var result);
        if (!result.Succeeded)
        {
            History.RollbackTo(mark);
            started = null;
            return result;
        }
        started = new TrackedInstance(instance, 0, definition) { Changed = true };
        _instances[id] = started;
        return result;
    }

    /// <summary>Runs one engine command and carries out its effects; returns the command's refusal, if any.</summary>
    public async Task<EngineError?> ExecuteAsync(TrackedInstance target, HistoryLine? line, Func<WorkflowEngine, ProcessDefinition, ProcessInstance, CommandResult> command)
    {
        var result = Run(target, line, command);
        if (!result.Succeeded)
        {
            return result.Error;
        }
        await DrainAsync(result.Effects).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Carries out effects with a queue, not recursion (call chains may be long). Refusals of
    /// follow-up commands are dropped as in <see cref="InMemoryRuntime"/>: they mean the other side has moved on.
    /// </summary>
    public async Task DrainAsync(IReadOnlyList<EngineEffect> effects)
    {
        var queue = new Queue<EngineEffect>(effects);
        while (queue.TryDequeue(out var effect))
        {
            var next = effect switch
            {
                StartChildEffect start => await StartChildAsync(start).ConfigureAwait(false),
                CancelChildEffect cancel => await OnRunningAsync(cancel.ChildInstanceId, new HistoryLine(HistoryKinds.Cancelled, null, new { by = "caller" }),
                    static (e, d, i) => e.Cancel(d, i)).ConfigureAwait(false),
                ChildCompletedEffect done => await OnRunningAsync(done.ParentInstanceId, null,
                    (e, d, i) => e.CompleteCallActivity(d, i, done.ParentTokenId, done.Variables)).ConfigureAwait(false),
                ChildFailedEffect failed => await OnRunningAsync(failed.ParentInstanceId, null,
                    (e, d, i) => e.FailCallActivity(d, i, failed.ParentTokenId, failed.ErrorCode, failed.Message)).ConfigureAwait(false),
                _ => default,
            };
            foreach (var e in next.Effects)
            {
                queue.Enqueue(e);
            }
        }
    }

    /// <summary>Saves every instance this command changed, with its history, in one call.</summary>
    public async Task<DurableResult<T>> CommitAsync<T>(T value)
    {
        // A stable order lets database stores lock rows in the same sequence in every command.
        var changes = _instances.Values.OfType<TrackedInstance>().Where(t => t.Changed)
            .OrderBy(t => t.Instance.Id).Select(t => new InstanceChange(t.Instance, t.Revision) { Loaded = t.Loaded }).ToArray();
        var saved = await _store.SaveAsync(changes, History.Entries.ToArray(), _ct).ConfigureAwait(false);
        return saved.Saved
            ? DurableResult.Success(value)
            : DurableResult.Failure<T>(DurableErrors.ConcurrencyConflict,
                $"instance {saved.Conflict} was changed by another command meanwhile; nothing was saved, load it again and retry");
    }

    private CommandResult Run(TrackedInstance target, HistoryLine? line, Func<WorkflowEngine, ProcessDefinition, ProcessInstance, CommandResult> command)
    {
        if (target.Definition is null)
        {
            return CommandResult.Fail(DurableErrors.ProcessNotFound,
                $"instance {target.Instance.Id} runs version {target.Instance.Version} of '{target.Instance.ProcessId}', which is not deployed");
        }
        var mark = History.Mark;
        if (line is { } l)
        {
            History.Add(target.Instance.Id, l.Kind, l.ElementId, l.Data, l.Outcome);
        }
        var result = command(Engine, target.Definition.Definition, target.Instance);
        if (result.Succeeded)
        {
            target.Changed = true;
        }
        else
        {
            History.RollbackTo(mark);
        }
        return result;
    }

    private async Task<CommandResult> OnRunningAsync(Guid instanceId, HistoryLine? line, Func<WorkflowEngine, ProcessDefinition, ProcessInstance, CommandResult> command) =>
        await LoadAsync(instanceId).ConfigureAwait(false) is { Instance.IsEnded: false } target ? Run(target, line, command) : default;

    private async Task<CommandResult> StartChildAsync(StartChildEffect start)
    {
        // The caller produced this effect in this command, so it is tracked already.
        var caller = _instances[start.ParentInstanceId]!;
        var definition = await DefinitionAsync(start.ProcessId, null).ConfigureAwait(false);
        if (definition is null)
        {
            return FailCall(caller, start, $"called process '{start.ProcessId}' is not deployed");
        }
        if (await CallDepthAsync(caller.Instance).ConfigureAwait(false) >= _maxCallDepth)
        {
            return FailCall(caller, start, $"call depth {_maxCallDepth} reached: '{start.ProcessId}' calls itself (directly or through others) without end");
        }
        if (await Guard.CheckStartAsync(definition.Definition, start.ParentInstanceId, start.Variables).ConfigureAwait(false) is { } refused)
        {
            return FailCall(caller, start, $"called process '{start.ProcessId}' may not start: {refused.Message}");
        }
        // The caller's own stream names the instance it called, so that the record alone (not the mutable instance index)
        // leads from a caller to its called instances. Written before the child's lines, and dropped with them if the start fails
        // (the entered lines it lists then come back as lines of their own).
        var callActivity = CallActivityId(caller, start.ParentTokenId);
        var entered = History.TakeEntered(caller.Instance.Id);
        var mark = History.Mark;
        History.Add(caller.Instance.Id, HistoryKinds.Called, callActivity, new
        {
            calledInstanceId = start.ChildInstanceId,
            processId = definition.ProcessId,
            version = definition.Version,
            entered = HistoryRecorder.EnteredBefore(entered, callActivity),
        });
        var result = Start(definition, new StartRequest
        {
            InstanceId = start.ChildInstanceId,
            BusinessKey = start.BusinessKey,
            Variables = start.Variables,
            Version = definition.Version,
            ParentInstanceId = start.ParentInstanceId,
            ParentTokenId = start.ParentTokenId,
        }, out _);
        if (result.Succeeded)
        {
            return result;
        }
        History.RollbackTo(mark);
        History.Restore(entered);
        return FailCall(caller, start, result.Error!.Message);
    }

    private static string? CallActivityId(TrackedInstance caller, int tokenId) =>
        caller.Instance.Tokens.FirstOrDefault(t => t.Id == tokenId) is { } token && caller.Definition is { } d ? d.Definition.Nodes[token.Node].Id : null;

    private CommandResult FailCall(TrackedInstance caller, StartChildEffect start, string message) =>
        Run(caller, null, (e, d, i) => e.FailCallActivity(d, i, start.ParentTokenId, null, message));

    private async Task<int> CallDepthAsync(ProcessInstance instance)
    {
        var depth = 0;
        // Bounded by the limit, so a corrupted parent chain that loops cannot hang the command.
        for (var i = instance; depth < _maxCallDepth && i.ParentInstanceId is { } p && await LoadAsync(p).ConfigureAwait(false) is { } parent; i = parent.Instance)
        {
            depth++;
        }
        return depth;
    }
}
