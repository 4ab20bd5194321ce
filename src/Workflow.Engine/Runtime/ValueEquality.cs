namespace Workflow.Engine.Runtime;

/// <summary>Deep equality of JSON-shaped values (variables): what a person changed, and what they did not.</summary>
internal static class ValueEquality
{
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => x.Equals(y),
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        (IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && Same(kv.Value, other)),
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        _ => Equals(a, b),
    };
}
