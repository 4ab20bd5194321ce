using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The whole state of one running process: tokens, open tasks, timers, message waits, variables.
/// Small and explicit so it serialises compactly (<see cref="InstanceStateSerializer"/>); changed only by <see cref="WorkflowEngine"/>.
/// </summary>
public sealed class ProcessInstance
{
    /// <summary>Instance id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>Process id (definition key).</summary>
    [JsonInclude] public string ProcessId { get; internal set; } = "";
    /// <summary>Definition version the instance runs on.</summary>
    [JsonInclude] public int Version { get; internal set; } = 1;
    /// <summary>Business key used to correlate messages (e.g. the incident number).</summary>
    [JsonInclude] public string? BusinessKey { get; internal set; }
    /// <summary>Life-cycle state.</summary>
    [JsonInclude] public InstanceStatus Status { get; internal set; }
    /// <summary>Calling instance, when started by a call activity.</summary>
    [JsonInclude] public Guid? ParentInstanceId { get; internal set; }
    /// <summary>Token of the call activity in the calling instance.</summary>
    [JsonInclude] public int ParentTokenId { get; internal set; }
    /// <summary>Start time.</summary>
    [JsonInclude] public DateTimeOffset StartedAt { get; internal set; }
    /// <summary>End time, once ended.</summary>
    [JsonInclude] public DateTimeOffset? EndedAt { get; internal set; }
    /// <summary>Last id handed out to a token or scope.</summary>
    [JsonInclude] public int LastId { get; internal set; }
    /// <summary>Process variables (JSON-shaped values).</summary>
    [JsonInclude] public Dictionary<string, object?> Variables { get; internal set; } = new(StringComparer.Ordinal);
    /// <summary>Live tokens.</summary>
    [JsonInclude] public List<Token> Tokens { get; internal set; } = [];
    /// <summary>Running embedded subprocesses.</summary>
    [JsonInclude] public List<ScopeInstance> Scopes { get; internal set; } = [];
    /// <summary>Open human tasks.</summary>
    [JsonInclude] public List<WorkItem> Tasks { get; internal set; } = [];
    /// <summary>Armed timers.</summary>
    [JsonInclude] public List<TimerJob> Timers { get; internal set; } = [];
    /// <summary>Message waits.</summary>
    [JsonInclude] public List<MessageSubscription> Subscriptions { get; internal set; } = [];
    /// <summary>Open incidents.</summary>
    [JsonInclude] public List<Incident> Incidents { get; internal set; } = [];
    /// <summary>Instances this one called (call activities), in order, ended ones included: with the caller, they make up the case.</summary>
    [JsonInclude] public List<Guid>? Called { get; internal set; }
    /// <summary>Who completed which step, oldest first; null until a person completes a step through the durable runtime.</summary>
    [JsonInclude] public List<CompletionRecord>? Completions { get; internal set; }
    /// <summary>Variables locked by completed steps (wf:locks), by variable name.</summary>
    [JsonInclude] public Dictionary<string, FieldLock>? Locks { get; internal set; }
    /// <summary>Corrections of locked variables, proposed and reviewed.</summary>
    [JsonInclude] public List<Amendment>? Amendments { get; internal set; }

    /// <summary>True once the instance has ended in any way.</summary>
    public bool IsEnded => Status != InstanceStatus.Running;

    /// <summary>Finds an open task.</summary>
    public WorkItem? FindTask(Guid id)
    {
        foreach (var t in Tasks)
        {
            if (t.Id == id)
            {
                return t;
            }
        }
        return null;
    }

    internal Token? FindToken(int id)
    {
        foreach (var t in Tokens)
        {
            if (t.Id == id)
            {
                return t;
            }
        }
        return null;
    }

    internal int NextId() => ++LastId;
}
