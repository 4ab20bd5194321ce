namespace Workflow.Engine.Expressions;

/// <summary>
/// A JavaScript expression compiled once at import and evaluated many times. Evaluation is
/// sandboxed: it sees only the variables passed in and cannot reach the CLR.
/// </summary>
public abstract class CompiledExpression
{
    /// <summary>Creates a compiled expression for the given source text.</summary>
    protected CompiledExpression(string source) => Source = source;

    /// <summary>The expression text as written in the BPMN file.</summary>
    public string Source { get; }

    /// <summary>Evaluates to a JSON-shaped value; throws <see cref="ExpressionException"/> on failure.</summary>
    public abstract object? Evaluate(IVariableSource variables);

    /// <summary>Evaluates and applies JavaScript truthiness.</summary>
    public bool EvaluateCondition(IVariableSource variables) => JsValues.IsTruthy(Evaluate(variables));

    /// <summary>True when evaluation bypasses the JavaScript engine; lets tests see which path was taken.</summary>
    internal virtual bool IsFastPath => false;
}
