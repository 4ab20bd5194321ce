using System.Text.Json;
using Workflow.Engine.Expressions;

namespace Workflow.Host.Features;

/// <summary>Parses variables given as a JSON object text (command line --vars, API ?vars=).</summary>
public static class VariablesJson
{
    /// <summary>Parses <paramref name="text"/>; on failure returns false and a readable reason.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<string, object?>? variables, out string? error)
    {
        variables = null;
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "must be a JSON object such as {\"isCase\": true}";
                return false;
            }
            variables = (IReadOnlyDictionary<string, object?>)JsValues.Normalize(doc.RootElement.Clone())!;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return false;
        }
    }
}
