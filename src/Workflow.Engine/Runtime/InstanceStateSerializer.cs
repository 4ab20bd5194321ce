using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>Serialises instance state to compact UTF-8 JSON and back (the durable runtime stores this).</summary>
public static class InstanceStateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Not WhenWritingDefault: several fields default to -1, so an omitted 0 would come back wrong.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new JsonShapedValueConverter() },
    };

    /// <summary>Serialises an instance.</summary>
    public static byte[] Serialize(ProcessInstance instance) => JsonSerializer.SerializeToUtf8Bytes(instance, Options);

    /// <summary>Reads an instance back; variables come back in the shapes the engine works with (<see cref="JsonShapedValueConverter"/>).</summary>
    public static ProcessInstance Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<ProcessInstance>(utf8, Options) ?? throw new JsonException("empty instance state");
}
