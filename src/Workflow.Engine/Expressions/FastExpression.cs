namespace Workflow.Engine.Expressions;

/// <summary>An expression evaluated by the fast-path interpreter, without starting an engine.</summary>
internal sealed class FastExpression(string source, FastNode root, SandboxOptions options) : CompiledExpression(source)
{
    internal override bool IsFastPath => true;

    public override object? Evaluate(IVariableSource variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        try
        {
            return root.Evaluate(variables);
        }
        catch (JsEvaluationException ex)
        {
            throw ExpressionErrors.From(ex, "Expression", Source, options);
        }
    }
}
