using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Reads the values of variables (typed <see cref="object"/> in the state) straight into the shapes
/// <see cref="Expressions.JsValues.Normalize(object?)"/> gives — <see cref="string"/>, <see cref="double"/>, <see cref="bool"/>,
/// null, <see cref="List{T}"/> and <see cref="Dictionary{TKey,TValue}"/> with ordinal keys — instead of a
/// <see cref="JsonElement"/> per value, each with a document of its own, that had to be converted afterwards: reading
/// an instance's state is on every command's path. Writes each value as its own type would be written.
/// </summary>
internal sealed class JsonShapedValueConverter : JsonConverter<object>
{
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Read(ref reader, typeToConvert, options));
                }
                return list;
            case JsonTokenType.StartObject:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    map[name] = Read(ref reader, typeToConvert, options);
                }
                return map;
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in a variable's value.");
        }
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        // The common leaves as their own converters write them; anything else through the serializer by its runtime type.
        switch (value)
        {
            case string s:
                writer.WriteStringValue(s);
                return;
            case double d:
                writer.WriteNumberValue(d);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
        }
        // A plain object has no shape of its own to write (and would come back here); variables never hold one.
        if (value.GetType() == typeof(object))
        {
            throw new JsonException("A variable's value cannot be a plain object.");
        }
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
