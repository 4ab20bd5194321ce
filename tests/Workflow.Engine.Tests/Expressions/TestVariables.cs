using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>A dictionary-backed variable source for tests.</summary>
internal sealed class TestVariables(IReadOnlyDictionary<string, object?> values) : IVariableSource
{
    public static readonly TestVariables Empty = new(new Dictionary<string, object?>());

    public static TestVariables Of(params (string Name, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value));

    public bool TryGetVariable(string name, out object? value) => values.TryGetValue(name, out value);
}
