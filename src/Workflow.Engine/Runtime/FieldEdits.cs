using Workflow.Engine.Expressions;

namespace Workflow.Engine.Runtime;

/// <summary>What a submission would change in an instance's variables, value by value.</summary>
internal static class FieldEdits
{
    /// <summary>
    /// The variables <paramref name="data"/> would change, with their values before and after, in submission order.
    /// A value that is not JSON-shaped is left out: the engine refuses the submission anyway.
    /// </summary>
    public static IReadOnlyList<FieldEdit> Compute(ProcessInstance instance, IReadOnlyDictionary<string, object?>? data)
    {
        if (data is null || data.Count == 0)
        {
            return [];
        }
        var edits = new List<FieldEdit>();
        foreach (var (name, submitted) in data)
        {
            object? after;
            try
            {
                after = JsValues.Normalize(submitted);
            }
            catch (ArgumentException)
            {
                continue;
            }
            var before = instance.Variables.GetValueOrDefault(name);
            if (!ValueEquality.Same(before, after) || !instance.Variables.ContainsKey(name))
            {
                edits.Add(new FieldEdit(name, before, after));
            }
        }
        return edits;
    }
}
