using Jint;
using Jint.Native;
using Jint.Native.Object;

using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Copies JSON-shaped values into one engine and JavaScript values back out. Values are built
/// from JS primitives, plain objects and arrays only, so no CLR object ever reaches a script.
/// </summary>
internal sealed class JintValueConverter(JsEngine engine)
{
    private const int MaxDepth = 128;

    // The same CLR container maps to the same JS object, so identity comparisons (a === b)
    // agree with the fast path, which compares the CLR references.
    private Dictionary<object, JsValue>? _converted;

    private HashSet<ObjectInstance>? _visiting;

    public JsValue ToJs(object? value) => ToJs(JsConversions.Sanitize(value), 0);

    /// <summary>Converts a JS value to the JSON shape; undefined stays <see cref="JsValues.Undefined"/> at the top level.</summary>
    /// <exception cref="JsEvaluationException">The value is a function, symbol, BigInt, accessor or cycle.</exception>
    public object? FromJs(JsValue value) => FromJs(value, 0);

    private JsValue ToJs(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return JsValue.Null;
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case double d:
                return JsNumber.Create(d);
            case string s:
                return new JsString(s);
            case IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>:
                return ToJsObject(value, depth);
            default:
                return JsValue.Undefined;
        }
    }

    private JsValue ToJsObject(object container, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsEvaluationException($"a variable is nested deeper than {MaxDepth} levels or contains a cycle");
        }

        _converted ??= new Dictionary<object, JsValue>(ReferenceEqualityComparer.Instance);
        if (_converted.TryGetValue(container, out var existing))
        {
            return existing;
        }

        JsValue result;
        if (container is IReadOnlyList<object?> list)
        {
            var items = new JsValue[list.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ToJs(JsConversions.Sanitize(list[i]), depth + 1);
            }

            result = new JsArray(engine, items);
        }
        else
        {
            var obj = new JsObject(engine);
            foreach (var (key, item) in (IReadOnlyDictionary<string, object?>)container)
            {
                // CreateDataProperty, not Set: a "__proto__" key must become an own property.
                obj.CreateDataProperty(new JsString(key), ToJs(JsConversions.Sanitize(item), depth + 1));
            }

            result = obj;
        }

        _converted[container] = result;
        return result;
    }

    private object? FromJs(JsValue value, int depth)
    {
        if (value.IsUndefined())
        {
            return JsValues.Undefined;
        }

        if (value.IsNull())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return JsConversions.Box(value.AsBoolean());
        }

        if (value.IsNumber())
        {
            return value.AsNumber();
        }

        if (value.IsString())
        {
            return value.ToString();
        }

        if (value.IsCallable())
        {
            throw NotJson("a function");
        }

        if (!value.IsObject())
        {
            throw NotJson(value.IsSymbol() ? "a symbol" : "a BigInt");
        }

        if (depth > MaxDepth)
        {
            throw NotJson($"nested deeper than {MaxDepth} levels");
        }

        var obj = value.AsObject();
        _visiting ??= new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        if (!_visiting.Add(obj))
        {
            throw NotJson("a cyclic structure");
        }

        try
        {
            return value.IsArray() ? FromArray(value.AsArray(), depth) : FromObject(obj, depth);
        }
        finally
        {
            _visiting.Remove(obj);
        }
    }

    private List<object?> FromArray(JsArray array, int depth)
    {
        var list = new List<object?>((int)Math.Min(array.Length, 1024));
        for (uint i = 0; i < array.Length; i++)
        {
            var descriptor = array.GetOwnProperty(i);
            if (descriptor.IsAccessorDescriptor())
            {
                throw NotJson("a getter");
            }

            // Holes and undefined elements become null, as JSON.stringify does.
            var item = FromJs(descriptor.Value ?? JsValue.Undefined, depth + 1);
            list.Add(ReferenceEquals(item, JsValues.Undefined) ? null : item);
        }

        return list;
    }

    private Dictionary<string, object?> FromObject(ObjectInstance obj, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!key.IsString() || !descriptor.Enumerable)
            {
                continue;
            }

            // Running a getter here would execute script code outside the sandbox's accounting.
            if (descriptor.IsAccessorDescriptor())
            {
                throw NotJson("a getter");
            }

            // Undefined properties are dropped, as JSON.stringify does.
            var item = FromJs(descriptor.Value ?? JsValue.Undefined, depth + 1);
            if (!ReferenceEquals(item, JsValues.Undefined))
            {
                map[key.ToString()] = item;
            }
        }

        return map;
    }

    private static JsEvaluationException NotJson(string what) =>
        new($"result is not a JSON value (it contains {what})");
}
