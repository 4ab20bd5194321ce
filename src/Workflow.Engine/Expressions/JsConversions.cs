using System.Globalization;
using Jint.Native;
using Jint.Runtime;

namespace Workflow.Engine.Expressions;

/// <summary>The JavaScript abstract operations (ToNumber, ToString, ToPrimitive, typeof) over JSON-shaped values.</summary>
internal static class JsConversions
{
    // Boxes are cached so that comparisons never allocate.
    public static readonly object True = true;
    public static readonly object False = false;

    // Far beyond any real document; stops cyclic lists before the stack does.
    private const int MaxJoinDepth = 64;

    public static object Box(bool value) => value ? True : False;

    public static bool IsNullish(object? value) => value is null || ReferenceEquals(value, JsValues.Undefined);

    public static bool IsObject(object? value) => value is IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>;

    public static string TypeOf(object? value) => value switch
    {
        null => "object",
        bool => "boolean",
        double => "number",
        string => "string",
        _ when ReferenceEquals(value, JsValues.Undefined) => "undefined",
        _ => "object",
    };

    /// <summary>Values read from a variable source may not be JSON-shaped if a caller skipped normalisation.</summary>
    public static object? Sanitize(object? value)
    {
        if (JsValues.IsJsonShaped(value))
        {
            return value;
        }

        try
        {
            return JsValues.Normalize(value);
        }
        catch (ArgumentException ex)
        {
            throw new JsEvaluationException(ex.Message);
        }
    }

    /// <summary>ToPrimitive: our objects have no custom valueOf, so both hints end in toString.</summary>
    public static object? ToPrimitive(object? value) => IsObject(value) ? ToJsString(value) : value;

    public static double ToNumber(object? value) => value switch
    {
        double d => d,
        null => 0,
        bool b => b ? 1 : 0,
        string s => StringToNumber(s),
        _ when ReferenceEquals(value, JsValues.Undefined) => double.NaN,
        IReadOnlyList<object?> => StringToNumber(ToJsString(value)),
        _ => double.NaN,
    };

    public static string ToJsString(object? value) => ToJsString(value, 0);

    public static string NumberToString(double value)
    {
        // Integers are by far the common case and print the same in C# and JavaScript below 1e15.
        if (value == 0)
        {
            return "0";
        }

        if (Math.Abs(value) < 1e15 && value == Math.Floor(value))
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return TypeConverter.ToString(JsNumber.Create(value));
    }

    public static double StringToNumber(string text)
    {
        // Plain digit strings are parsed inline; everything else (whitespace, exponents, hex,
        // "Infinity") follows Jint's implementation of the spec grammar.
        if (text.Length is > 0 and <= 15)
        {
            long result = 0;
            foreach (var c in text)
            {
                if (c is < '0' or > '9')
                {
                    return TypeConverter.ToNumber(new JsString(text));
                }

                result = (result * 10) + (c - '0');
            }

            return result;
        }

        return TypeConverter.ToNumber(new JsString(text));
    }

    /// <summary>Returns the canonical array index a property key denotes, or -1.</summary>
    public static int ToArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0'))
        {
            return -1;
        }

        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return -1;
            }
        }

        return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }

    private static string ToJsString(object? value, int depth) => value switch
    {
        string s => s,
        double d => NumberToString(d),
        bool b => b ? "true" : "false",
        null => "null",
        IReadOnlyList<object?> list => Join(list, depth),
        IReadOnlyDictionary<string, object?> => "[object Object]",
        _ => "undefined",
    };

    private static string Join(IReadOnlyList<object?> list, int depth)
    {
        if (depth > MaxJoinDepth)
        {
            throw new JsEvaluationException("Maximum call stack size exceeded");
        }

        if (list.Count == 0)
        {
            return string.Empty;
        }

        var parts = new string[list.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var item = list[i];
            parts[i] = IsNullish(item) ? string.Empty : ToJsString(Sanitize(item), depth + 1);
        }

        return string.Join(',', parts);
    }
}
