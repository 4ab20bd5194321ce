using System.Text.Json;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Trace;

/// <summary>The JSON details of a ledger entry, read leniently: a missing or odd property is null, never an exception.</summary>
internal readonly struct EntryData
{
    private readonly JsonElement _root;

    private EntryData(JsonElement root) => _root = root;

    public static EntryData Of(HistoryEntry entry)
    {
        if (string.IsNullOrEmpty(entry.Data))
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(entry.Data);
            return new EntryData(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return default; // the trace shows what it can: the entry's own columns still name the person
        }
    }

    public string? String(string name) =>
        Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public Guid? Guid(string name) => System.Guid.TryParse(String(name), out var id) ? id : null;

    public int? Int(string name) => Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? n : null;

    public bool? Bool(string name) => Property(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public IReadOnlyList<TraceEdit> Fields()
    {
        if (Property("fields") is not { ValueKind: JsonValueKind.Array } fields)
        {
            return [];
        }
        var edits = new List<TraceEdit>();
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                edits.Add(new TraceEdit(name.GetString()!, Optional(field, "before"), Optional(field, "after")));
            }
        }
        return edits;
    }

    private static JsonElement? Optional(JsonElement owner, string name) => owner.TryGetProperty(name, out var value) ? value : null;

    private JsonElement? Property(string name) =>
        _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out var value) ? value : null;
}
