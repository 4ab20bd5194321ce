namespace Workflow.Engine.Expressions;

/// <summary>What a script produced.</summary>
public sealed class ScriptResult
{
    internal ScriptResult(object? value, IReadOnlyDictionary<string, object?> setVariables)
    {
        Value = value;
        SetVariables = setVariables;
    }

    /// <summary>The completion value of the script, JSON-shaped; <c>null</c> when it was undefined.</summary>
    public object? Value { get; }

    /// <summary>The variables the script set through <c>setVariable(name, value)</c>, last write wins.</summary>
    public IReadOnlyDictionary<string, object?> SetVariables { get; }
}
