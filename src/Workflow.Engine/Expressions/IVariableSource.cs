namespace Workflow.Engine.Expressions;

/// <summary>Read access to the variables an expression or script may see.</summary>
/// <remarks>
/// Values are JSON-shaped: <c>null</c>, <see cref="bool"/>, <see cref="double"/>, <see cref="string"/>,
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c> and <c>IReadOnlyList&lt;object?&gt;</c>.
/// </remarks>
public interface IVariableSource
{
    /// <summary>Looks a variable up by name.</summary>
    bool TryGetVariable(string name, out object? value);
}
