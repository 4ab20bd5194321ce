using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Runtime;

/// <summary>Serialises instance state to compact UTF-8 JSON and back (the durable runtime stores this).</summary>
public static class InstanceStateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Not WhenWritingDefault: several fields default to -1, so an omitted 0 would come back wrong.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises an instance.</summary>
    public static byte[] Serialize(ProcessInstance instance) => JsonSerializer.SerializeToUtf8Bytes(instance, Options);

    /// <summary>Reads an instance back.</summary>
    public static ProcessInstance Deserialize(ReadOnlySpan<byte> utf8)
    {
        var instance = JsonSerializer.Deserialize<ProcessInstance>(utf8, Options) ?? throw new JsonException("empty instance state");
        Normalize(instance.Variables);
        foreach (var task in instance.Tasks)
        {
            if (task.Local is not null)
            {
                Normalize(task.Local);
            }
        }
        if (instance.Amendments is not null)
        {
            foreach (var amendment in instance.Amendments)
            {
                amendment.Changes = amendment.Changes.ConvertAll(c => c with { Before = JsValues.Normalize(c.Before), After = JsValues.Normalize(c.After) });
            }
        }
        return instance;
    }

    private static void Normalize(Dictionary<string, object?> variables)
    {
        foreach (var key in variables.Keys.ToList())
        {
            variables[key] = JsValues.Normalize(variables[key]);
        }
    }
}
