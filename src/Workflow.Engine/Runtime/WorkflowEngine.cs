using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The BPMN interpreter. Stateless and thread-safe: every command takes the definition and the
/// instance state, checks the command, then moves tokens until the instance is quiet. A refused
/// command returns an <see cref="EngineError"/> and changes nothing.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly EngineOptions _options;

    /// <summary>Creates an engine.</summary>
    public WorkflowEngine(EngineOptions? options = null) => _options = options ?? new EngineOptions();

    /// <summary>Starts an instance at the process's none start event.</summary>
    public ProcessInstance Start(ProcessDefinition definition, StartRequest? request, out CommandResult result)
    {
        request ??= StartRequest.Empty;
        var now = _options.Clock.GetUtcNow();
        var instance = new ProcessInstance
        {
            Id = request.InstanceId ?? Guid.CreateVersion7(now),
            ProcessId = definition.Id,
            Version = request.Version,
            BusinessKey = request.BusinessKey,
            ParentInstanceId = request.ParentInstanceId,
            ParentTokenId = request.ParentTokenId,
            StartedAt = now,
        };
        if (!TryNormalize(request.Variables, out var variables, out var error))
        {
            result = CommandResult.Fail(EngineErrors.InvalidValue, error!);
            return instance;
        }
        if (variables is not null)
        {
            foreach (var (k, v) in variables)
            {
                instance.Variables[k] = v;
            }
        }
        var executor = new Executor(_options, definition, instance);
        var token = new Token { Id = instance.NextId(), Node = definition.StartNode };
        instance.Tokens.Add(token);
        executor.Enqueue(token);
        executor.Run();
        result = CommandResult.Ok(executor.Effects);
        return instance;
    }

    /// <summary>Completes an open human task with an outcome, a reason and form data.</summary>
    public CommandResult CompleteTask(ProcessDefinition definition, ProcessInstance instance, Guid taskId, TaskCompletion completion)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var item = instance.FindTask(taskId);
        if (item is null)
        {
            return CommandResult.Fail(EngineErrors.TaskNotFound, $"task {taskId} is not open in instance {instance.Id}");
        }
        var node = definition.Nodes[item.Node];
        if (!TryNormalize(completion.Data, out var data, out var error))
        {
            return CommandResult.Fail(EngineErrors.InvalidValue, error!);
        }
        // The attached check runs first because it reports every problem at once, not just the first.
        if (_options.CheckCompletions && node.Task.CompletionCheck is { } check
            && CheckCompletion(check, definition, node, instance, item, completion, data) is { } rejected)
        {
            return rejected;
        }
        if (CompletionRules.Check(node, completion) is { } invalid)
        {
            return invalid;
        }
        return Execute(definition, instance, (item, completion, data), static (e, s) => e.CompleteWorkItem(s.item, s.completion, s.data));
    }

    /// <summary>Claims an open task for one person; refused when someone else holds it.</summary>
    public CommandResult ClaimTask(ProcessDefinition definition, ProcessInstance instance, Guid taskId, string assignee)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        if (instance.FindTask(taskId) is not { } item)
        {
            return CommandResult.Fail(EngineErrors.TaskNotFound, $"task {taskId} is not open in instance {instance.Id}");
        }
        if (item.Assignee is { } holder && holder != assignee)
        {
            return CommandResult.Fail(EngineErrors.TaskClaimed, $"task {taskId} is already claimed by {holder}");
        }
        item.Assignee = assignee;
        return CommandResult.Ok(null);
    }

    /// <summary>Returns a claimed task to its candidates.</summary>
    public CommandResult UnclaimTask(ProcessDefinition definition, ProcessInstance instance, Guid taskId)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        if (instance.FindTask(taskId) is not { } item)
        {
            return CommandResult.Fail(EngineErrors.TaskNotFound, $"task {taskId} is not open in instance {instance.Id}");
        }
        if (item.Assignee is null)
        {
            return CommandResult.Fail(EngineErrors.TaskNotClaimed, $"task {taskId} is not claimed");
        }
        item.Assignee = null;
        return CommandResult.Ok(null);
    }

    /// <summary>Fires an armed timer (the caller decides it is due).</summary>
    public CommandResult FireTimer(ProcessDefinition definition, ProcessInstance instance, Guid timerId)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var job = instance.Timers.Find(j => j.Id == timerId);
        if (job is null)
        {
            return CommandResult.Fail(EngineErrors.TimerNotFound, $"timer {timerId} is not armed in instance {instance.Id}");
        }
        return Execute(definition, instance, job, static (e, j) => e.FireTimer(j));
    }

    /// <summary>Delivers a message to one of the instance's subscriptions.</summary>
    public CommandResult DeliverMessage(ProcessDefinition definition, ProcessInstance instance, Guid subscriptionId, IReadOnlyDictionary<string, object?>? variables)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var subscription = instance.Subscriptions.Find(s => s.Id == subscriptionId);
        if (subscription is null)
        {
            return CommandResult.Fail(EngineErrors.SubscriptionNotFound, $"no message wait {subscriptionId} in instance {instance.Id}");
        }
        if (!TryNormalize(variables, out var data, out var error))
        {
            return CommandResult.Fail(EngineErrors.InvalidValue, error!);
        }
        return Execute(definition, instance, (subscription, data), static (e, s) => e.DeliverMessage(s.subscription, s.data));
    }

    /// <summary>Resumes a call activity whose called instance completed.</summary>
    public CommandResult CompleteCallActivity(ProcessDefinition definition, ProcessInstance instance, int tokenId, IReadOnlyDictionary<string, object?> childVariables) =>
        OnCallToken(definition, instance, tokenId, (e, t) => e.CompleteCallActivity(t, childVariables));

    /// <summary>Handles an uncaught error of a called instance at its call activity.</summary>
    public CommandResult FailCallActivity(ProcessDefinition definition, ProcessInstance instance, int tokenId, string? errorCode, string message) =>
        OnCallToken(definition, instance, tokenId, (e, t) => e.FailCallActivity(t, errorCode, message));

    /// <summary>Cancels a running instance (and, through effects, the processes it called).</summary>
    public CommandResult Cancel(ProcessDefinition definition, ProcessInstance instance)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var executor = new Executor(_options, definition, instance);
        executor.Cancel();
        return CommandResult.Ok(executor.Effects);
    }

    /// <summary>Retries the element where an incident stopped a token (after variables were corrected, say).</summary>
    public CommandResult RetryIncident(ProcessDefinition definition, ProcessInstance instance, Guid incidentId)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var incident = instance.Incidents.Find(i => i.Id == incidentId);
        if (incident is null)
        {
            return CommandResult.Fail(EngineErrors.IncidentNotFound, $"no open incident {incidentId} in instance {instance.Id}");
        }
        instance.Incidents.Remove(incident);
        return Execute(definition, instance, instance.FindToken(incident.TokenId), static (e, token) =>
        {
            if (token is not null)
            {
                e.Enqueue(token);
            }
        });
    }

    private CommandResult OnCallToken(ProcessDefinition definition, ProcessInstance instance, int tokenId, Action<Executor, Token> action)
    {
        if (Check(definition, instance) is { } refused)
        {
            return refused;
        }
        var token = instance.FindToken(tokenId);
        if (token is null || token.ChildInstance is null)
        {
            return CommandResult.Fail(EngineErrors.TaskNotFound, $"token {tokenId} is not waiting in a call activity");
        }
        return Execute(definition, instance, (action, token), static (e, s) => s.action(e, s.token));
    }

    /// <summary>One command: apply the change, then run tokens until the instance is quiet.</summary>
    private CommandResult Execute<TState>(ProcessDefinition definition, ProcessInstance instance, TState state, Action<Executor, TState> change)
    {
        var executor = new Executor(_options, definition, instance);
        change(executor, state);
        executor.Run();
        return CommandResult.Ok(executor.Effects);
    }

    private CommandResult? CheckCompletion(ICompletionCheck check, ProcessDefinition definition, FlowNode node, ProcessInstance instance,
        WorkItem item, TaskCompletion completion, Dictionary<string, object?>? data)
    {
        var problems = check.Check(new CompletionCheckContext
        {
            Definition = definition,
            Node = node,
            Task = item,
            Instance = instance,
            Completion = completion,
            Data = data,
            Now = _options.Clock.GetUtcNow(),
        });
        if (problems.Count == 0)
        {
            return null;
        }
        // The first problem's code is the error's code, so a single missing reason reads as reason-required as before.
        var message = $"task '{node.Id}' cannot be completed: {string.Join("; ", problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}"))}";
        return CommandResult.Fail(new EngineError(problems[0].Code, message) { Problems = problems });
    }

    private static CommandResult? Check(ProcessDefinition definition, ProcessInstance instance)
    {
        if (instance.ProcessId != definition.Id)
        {
            return CommandResult.Fail(EngineErrors.DefinitionMismatch, $"instance {instance.Id} runs '{instance.ProcessId}', not '{definition.Id}'");
        }
        return instance.Status != InstanceStatus.Running
            ? CommandResult.Fail(EngineErrors.NotRunning, $"instance {instance.Id} is {instance.Status.ToString().ToLowerInvariant()}")
            : null;
    }

    private static bool TryNormalize(IReadOnlyDictionary<string, object?>? values, out Dictionary<string, object?>? normalized, out string? error)
    {
        normalized = null;
        error = null;
        if (values is null || values.Count == 0)
        {
            return true;
        }
        normalized = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            try
            {
                normalized[key] = JsValues.Normalize(value);
            }
            catch (ArgumentException ex)
            {
                error = $"variable '{key}': {ex.Message}";
                return false;
            }
        }
        return true;
    }
}
