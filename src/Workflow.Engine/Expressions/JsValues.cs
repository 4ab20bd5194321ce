using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Expressions;

/// <summary>
/// The JSON-shaped value model shared by variables, expressions and scripts, and the JavaScript
/// rules that apply to it.
/// </summary>
/// <remarks>
/// A value is <c>null</c>, <see cref="bool"/>, <see cref="double"/>, <see cref="string"/>,
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>, <c>IReadOnlyList&lt;object?&gt;</c>, or
/// <see cref="Undefined"/> (only as an evaluation result, never as a stored variable).
/// </remarks>
public static class JsValues
{
    // Deep enough for any sane document, shallow enough that a cyclic graph fails fast instead
    // of overflowing the stack.
    private const int MaxDepth = 128;

    /// <summary>JavaScript <c>undefined</c>. Compare by reference.</summary>
    public static readonly object Undefined = new UndefinedValue();

    /// <summary>Applies JavaScript truthiness.</summary>
    /// <returns>
    /// <c>false</c> for <c>null</c>, <see cref="Undefined"/>, <c>false</c>, <c>0</c>, <c>-0</c>,
    /// <c>NaN</c> and <c>""</c>; <c>true</c> for everything else, including every object and array.
    /// </returns>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length != 0,
        _ when ReferenceEquals(value, Undefined) => false,
        _ when TryGetClrNumber(value, out var number) => number != 0 && !double.IsNaN(number),
        _ => true,
    };

    /// <summary>
    /// Converts a value a caller hands to the engine into the JSON shape: every number becomes a
    /// <see cref="double"/>, dictionaries and sequences are copied recursively, and
    /// <see cref="Undefined"/> becomes <c>null</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The value, or something nested in it, is not representable as JSON (for example an
    /// arbitrary CLR object, a dictionary with non-string keys, or a cyclic graph).
    /// </exception>
    public static object? Normalize(object? value) => Normalize(value, 0);

    /// <summary>True for the types the JSON shape allows, without looking inside containers.</summary>
    internal static bool IsJsonShaped(object? value) =>
        value is null or bool or double or string or IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>
        || ReferenceEquals(value, Undefined);

    private static object? Normalize(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Value is nested deeper than {MaxDepth} levels or contains a cycle.", nameof(value));
        }

        switch (value)
        {
            case null:
                return null;
            case bool or double or string:
                return value;
            case char c:
                return c.ToString();
            case float f:
                // Going through the shortest round-trip text keeps 0.1f as 0.1 rather than 0.10000000149011612.
                return double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case JsonElement element:
                return FromJsonElement(element, depth);
            case JsonNode node:
                return FromJsonNode(node, depth);
            case IReadOnlyDictionary<string, object?> readOnly:
                return CopyDictionary(readOnly, depth);
            case IDictionary<string, object?> mutable:
                return CopyDictionary(mutable, depth);
            case IDictionary untyped:
                return CopyDictionary(untyped, depth);
            case IEnumerable sequence:
                return CopyList(sequence, depth);
        }

        if (ReferenceEquals(value, Undefined))
        {
            return null;
        }

        if (TryGetClrNumber(value, out var number))
        {
            return number;
        }

        throw new ArgumentException($"A value of type '{value.GetType()}' cannot be used as a variable; only JSON-shaped values are allowed.", nameof(value));
    }

    private static bool TryGetClrNumber(object value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case decimal m: number = (double)m; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case ushort us: number = us; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case float f: number = f; return true;
            case Half h: number = (double)h; return true;
            default: number = 0; return false;
        }
    }

    private static Dictionary<string, object?> CopyDictionary(IEnumerable<KeyValuePair<string, object?>> source, int depth)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in source)
        {
            copy[key] = Normalize(item, depth + 1);
        }

        return copy;
    }

    private static Dictionary<string, object?> CopyDictionary(IDictionary source, int depth)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in source)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"Dictionary keys must be strings, found '{entry.Key.GetType()}'.", nameof(source));
            }

            copy[key] = Normalize(entry.Value, depth + 1);
        }

        return copy;
    }

    private static List<object?> CopyList(IEnumerable source, int depth)
    {
        var copy = new List<object?>();
        foreach (var item in source)
        {
            copy.Add(Normalize(item, depth + 1));
        }

        return copy;
    }

    private static object? FromJsonElement(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = Normalize(property.Value, depth + 1);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Normalize(item, depth + 1));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object? FromJsonNode(JsonNode node, int depth) => node switch
    {
        JsonObject obj => CopyDictionary(obj.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), depth),
        JsonArray array => CopyList(array, depth),
        JsonValue leaf when leaf.TryGetValue<JsonElement>(out var element) => FromJsonElement(element, depth),
        JsonValue leaf when leaf.TryGetValue<object>(out var raw) => Normalize(raw, depth + 1),
        _ => null,
    };

    private sealed class UndefinedValue
    {
        public override string ToString() => "undefined";
    }
}
