using System.Globalization;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Simulation;

/// <summary>How the simulator completes a task: the first declared outcome, and placeholders for required fields not given.</summary>
public static class AutoCompletion
{
    /// <summary>Builds the completion for a task node.</summary>
    public static TaskCompletion For(FlowNode node, IReadOnlyDictionary<string, object?>? given, DateTimeOffset now)
    {
        var outcome = node.Task.Outcomes.Count > 0 ? node.Task.Outcomes[0] : null;
        Dictionary<string, object?>? data = null;
        foreach (var field in node.Task.Fields.Where(f => f.Required))
        {
            (data ??= new(StringComparer.Ordinal))[field.Id] = given is not null && given.TryGetValue(field.Id, out var v) ? v : Placeholder(field, now);
        }
        return new TaskCompletion
        {
            Outcome = outcome?.Id,
            ReasonCode = outcome?.RequiresReason == true ? ReasonCode(node.Task.ReasonCodesFor(outcome)) : null,
            Reason = outcome?.RequiresReason == true ? "simulation" : null,
            Data = data,
        };
    }

    private static string ReasonCode(IReadOnlyList<string> codes) => codes.Count > 0 ? codes[0] : "simulation";

    private static object Placeholder(FormFieldSpec field, DateTimeOffset now) => field.Type switch
    {
        "boolean" => false,
        "number" => 0d,
        "date" => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "datetime" => now.ToString("O", CultureInfo.InvariantCulture),
        _ => "simulation",
    };
}
