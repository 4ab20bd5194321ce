using Workflow.Engine.Expressions;

namespace Workflow.Engine.Model;

/// <summary>Multi-instance characteristics of a task.</summary>
public sealed class LoopSpec
{
    /// <summary>Instances run one after another rather than together.</summary>
    public bool IsSequential { get; init; }
    /// <summary>Expression giving the number of instances.</summary>
    public CompiledExpression? Cardinality { get; init; }
    /// <summary>Expression giving the collection to iterate.</summary>
    public CompiledExpression? Collection { get; init; }
    /// <summary>Local variable holding the current element.</summary>
    public string? ElementVariable { get; init; }
    /// <summary>Evaluated after each completion; true ends the loop early.</summary>
    public CompiledExpression? CompletionCondition { get; init; }
}
