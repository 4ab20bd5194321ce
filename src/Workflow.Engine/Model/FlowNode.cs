using Workflow.Engine.Expressions;

namespace Workflow.Engine.Model;

/// <summary>One executable BPMN element, with every reference resolved to an index.</summary>
public sealed class FlowNode
{
    /// <summary>Position in <see cref="ProcessDefinition.Nodes"/>.</summary>
    public required int Index { get; init; }
    /// <summary>BPMN id.</summary>
    public required string Id { get; init; }
    /// <summary>Name as drawn.</summary>
    public string? Name { get; init; }
    /// <summary>Element type.</summary>
    public required NodeKind Kind { get; init; }
    /// <summary>Event definition for events.</summary>
    public EventKind Event { get; init; }
    /// <summary>Line in the BPMN file.</summary>
    public int Line { get; init; }
    /// <summary>Index of the enclosing subprocess node, or -1 at process level.</summary>
    public int Scope { get; init; } = -1;
    /// <summary>Incoming flow indexes.</summary>
    public int[] Incoming { get; internal set; } = [];
    /// <summary>Outgoing flow indexes, in document order.</summary>
    public int[] Outgoing { get; internal set; } = [];
    /// <summary>Default outgoing flow index, or -1.</summary>
    public int DefaultFlow { get; internal set; } = -1;
    /// <summary>Boundary event node indexes attached to this activity.</summary>
    public int[] Boundaries { get; internal set; } = [];
    /// <summary>For boundary events: the activity they are attached to.</summary>
    public int AttachedTo { get; init; } = -1;
    /// <summary>For boundary events: interrupting (cancelActivity).</summary>
    public bool CancelActivity { get; init; } = true;
    /// <summary>For subprocesses: index of the none start event inside.</summary>
    public int StartNode { get; internal set; } = -1;
    /// <summary>Timer definition for timer events.</summary>
    public TimerDefinition? Timer { get; init; }
    /// <summary>Message name for message events and receive tasks.</summary>
    public string? MessageName { get; init; }
    /// <summary>Error code thrown (error end) or caught (error boundary; null catches all).</summary>
    public string? ErrorCode { get; init; }
    /// <summary>Task details (roles, SLA, outcomes, form, activity type).</summary>
    public TaskSpec Task { get; internal set; } = TaskSpec.Empty;
    /// <summary>Multi-instance characteristics, when present.</summary>
    public LoopSpec? Loop { get; init; }
    /// <summary>Script of a script task.</summary>
    public CompiledScript? Script { get; init; }
    /// <summary>Variable receiving a script's result.</summary>
    public string? ResultVariable { get; init; }
    /// <summary>Process id called by a call activity.</summary>
    public string? CalledElement { get; init; }
    /// <summary>Variables passed into a called process; null passes all.</summary>
    public IReadOnlyList<VariableMapping>? InMappings { get; init; }
    /// <summary>Variables copied back from a called process; null copies all.</summary>
    public IReadOnlyList<VariableMapping>? OutMappings { get; init; }

    /// <summary>True for nodes where a token waits for something outside the engine.</summary>
    public bool IsActivity => Kind is NodeKind.Task or NodeKind.UserTask or NodeKind.ManualTask or NodeKind.ServiceTask
        or NodeKind.ScriptTask or NodeKind.ReceiveTask or NodeKind.SubProcess or NodeKind.CallActivity;

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Id}";
}
