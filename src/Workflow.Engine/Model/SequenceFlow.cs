using Workflow.Engine.Expressions;

namespace Workflow.Engine.Model;

/// <summary>A sequence flow resolved to node indexes, with its condition compiled once.</summary>
public sealed class SequenceFlow
{
    /// <summary>Position in <see cref="ProcessDefinition.Flows"/>.</summary>
    public required int Index { get; init; }
    /// <summary>BPMN id.</summary>
    public required string Id { get; init; }
    /// <summary>Optional label.</summary>
    public string? Name { get; init; }
    /// <summary>Index of the source node.</summary>
    public required int Source { get; init; }
    /// <summary>Index of the target node.</summary>
    public required int Target { get; init; }
    /// <summary>Compiled condition, or null when the flow is unconditional.</summary>
    public CompiledExpression? Condition { get; init; }
    /// <summary>True when this is the default flow of its source.</summary>
    public bool IsDefault { get; init; }
    /// <summary>Line in the BPMN file.</summary>
    public int Line { get; init; }
}
