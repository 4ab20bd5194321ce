using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Holds definitions and instances in memory and carries out engine effects (call activities across
/// instances). Used by the simulator, the command line, tests and benchmarks; the durable runtime
/// does the same against a database.
/// </summary>
public sealed class InMemoryRuntime
{
    private readonly Dictionary<string, ProcessDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ProcessInstance> _instances = [];

    /// <summary>Deepest chain of call activities before a call is refused with an incident.</summary>
    public const int MaxCallDepth = 32;

    /// <summary>Creates a runtime over an engine.</summary>
    public InMemoryRuntime(WorkflowEngine engine) => Engine = engine;

    /// <summary>The interpreter.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>Every instance started, ended ones included.</summary>
    public IReadOnlyCollection<ProcessInstance> Instances => _instances.Values;

    /// <summary>Makes every process of a document available by id (a later deploy replaces an earlier one).</summary>
    public void Deploy(BpmnDocument document)
    {
        foreach (var p in document.Processes)
        {
            _definitions[p.Id] = p;
        }
    }

    /// <summary>Makes a process available by id.</summary>
    public void Deploy(ProcessDefinition definition) => _definitions[definition.Id] = definition;

    /// <summary>Finds a deployed process.</summary>
    public ProcessDefinition? FindDefinition(string processId) => _definitions.GetValueOrDefault(processId);

    /// <summary>Finds an instance.</summary>
    public ProcessInstance? FindInstance(Guid id) => _instances.GetValueOrDefault(id);

    /// <summary>Starts an instance of a deployed process.</summary>
    public ProcessInstance Start(string processId, StartRequest? request, out CommandResult result)
    {
        var definition = _definitions[processId];
        var instance = Engine.Start(definition, request, out result);
        if (result.Succeeded)
        {
            _instances[instance.Id] = instance;
            Apply(result.Effects);
        }
        return instance;
    }

    /// <summary>Completes a task of an instance.</summary>
    public CommandResult CompleteTask(ProcessInstance instance, Guid taskId, TaskCompletion completion) =>
        Apply(Engine.CompleteTask(_definitions[instance.ProcessId], instance, taskId, completion));

    /// <summary>Fires one timer.</summary>
    public CommandResult FireTimer(ProcessInstance instance, Guid timerId) =>
        Apply(Engine.FireTimer(_definitions[instance.ProcessId], instance, timerId));

    /// <summary>Delivers a message by name to the running instances with this business key; returns how many received it.</summary>
    public int CorrelateMessage(string messageName, string? businessKey, IReadOnlyDictionary<string, object?>? variables)
    {
        var delivered = 0;
        foreach (var instance in _instances.Values.Where(i => !i.IsEnded && i.BusinessKey == businessKey).ToList())
        {
            var subscription = instance.Subscriptions.Find(s => s.MessageName == messageName);
            if (subscription is not null && Apply(Engine.DeliverMessage(_definitions[instance.ProcessId], instance, subscription.Id, variables)).Succeeded)
            {
                delivered++;
            }
        }
        return delivered;
    }

    /// <summary>Cancels an instance and the processes it called.</summary>
    public CommandResult Cancel(ProcessInstance instance) => Apply(Engine.Cancel(_definitions[instance.ProcessId], instance));

    private CommandResult Apply(CommandResult result)
    {
        if (result.Succeeded)
        {
            Apply(result.Effects);
        }
        return result;
    }

    /// <summary>Carries out effects with a queue, not recursion: call chains may be long.</summary>
    private void Apply(IReadOnlyList<EngineEffect> effects)
    {
        if (effects.Count == 0)
        {
            return;
        }
        var queue = new Queue<EngineEffect>(effects);
        while (queue.TryDequeue(out var effect))
        {
            var next = effect switch
            {
                StartChildEffect start => StartChild(start),
                CancelChildEffect cancel when FindInstance(cancel.ChildInstanceId) is { IsEnded: false } child =>
                    Engine.Cancel(_definitions[child.ProcessId], child),
                ChildCompletedEffect done when FindInstance(done.ParentInstanceId) is { IsEnded: false } parent =>
                    Engine.CompleteCallActivity(_definitions[parent.ProcessId], parent, done.ParentTokenId, done.Variables),
                ChildFailedEffect failed when FindInstance(failed.ParentInstanceId) is { IsEnded: false } parent =>
                    Engine.FailCallActivity(_definitions[parent.ProcessId], parent, failed.ParentTokenId, failed.ErrorCode, failed.Message),
                _ => default,
            };
            foreach (var e in next.Effects)
            {
                queue.Enqueue(e);
            }
        }
    }

    private CommandResult StartChild(StartChildEffect start)
    {
        var parent = _instances[start.ParentInstanceId];
        var parentDefinition = _definitions[parent.ProcessId];
        if (!_definitions.TryGetValue(start.ProcessId, out var definition))
        {
            return Engine.FailCallActivity(parentDefinition, parent, start.ParentTokenId, null, $"called process '{start.ProcessId}' is not deployed");
        }
        if (CallDepth(parent) >= MaxCallDepth)
        {
            return Engine.FailCallActivity(parentDefinition, parent, start.ParentTokenId, null,
                $"call depth {MaxCallDepth} reached: '{start.ProcessId}' calls itself (directly or through others) without end");
        }
        var child = Engine.Start(definition, new StartRequest
        {
            InstanceId = start.ChildInstanceId,
            BusinessKey = start.BusinessKey,
            Variables = start.Variables,
            ParentInstanceId = start.ParentInstanceId,
            ParentTokenId = start.ParentTokenId,
        }, out var result);
        if (!result.Succeeded)
        {
            // The called process refused to start (e.g. bad variables): the call activity must not wait forever.
            return Engine.FailCallActivity(parentDefinition, parent, start.ParentTokenId, null,
                $"called process '{start.ProcessId}' could not start: {result.Error!.Message}");
        }
        _instances[child.Id] = child;
        return result;
    }

    private int CallDepth(ProcessInstance instance)
    {
        var depth = 0;
        for (var i = instance; i.ParentInstanceId is { } p && _instances.TryGetValue(p, out var parent); i = parent)
        {
            depth++;
        }
        return depth;
    }
}
