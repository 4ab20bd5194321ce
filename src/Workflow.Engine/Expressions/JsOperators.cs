namespace Workflow.Engine.Expressions;

/// <summary>JavaScript operator semantics over JSON-shaped values, following ECMA-262 step by step.</summary>
internal static class JsOperators
{
    public static bool StrictEquals(object? left, object? right) => left switch
    {
        double x => right is double y && x == y,
        string s => right is string t && string.Equals(s, t, StringComparison.Ordinal),
        bool p => right is bool q && p == q,
        // null, undefined and objects: identity. Dictionaries and lists are objects, so two
        // distinct instances are never equal, exactly as two distinct JS objects are not.
        _ => ReferenceEquals(left, right),
    };

    /// <summary>IsLooselyEqual (ECMA-262 7.2.14) without BigInt, Symbol and document.all.</summary>
    public static bool LooseEquals(object? left, object? right)
    {
        var leftNullish = JsConversions.IsNullish(left);
        var rightNullish = JsConversions.IsNullish(right);
        if (leftNullish || rightNullish)
        {
            return leftNullish && rightNullish;
        }

        if (SameType(left, right))
        {
            return StrictEquals(left, right);
        }

        return left switch
        {
            bool b => LooseEqualsNumber(b ? 1 : 0, right),
            double x => LooseEqualsNumber(x, right),
            _ => right switch
            {
                bool b => LooseEqualsNumber(b ? 1 : 0, left),
                double y => LooseEqualsNumber(y, left),
                // One side is a string and the other an object (different types, neither nullish).
                _ => string.Equals(JsConversions.ToJsString(left), JsConversions.ToJsString(right), StringComparison.Ordinal),
            },
        };
    }

    public static bool LessThan(object? left, object? right) =>
        Compare(left, right, static (x, y) => x < y, static c => c < 0);

    public static bool LessThanOrEqual(object? left, object? right) =>
        Compare(left, right, static (x, y) => x <= y, static c => c <= 0);

    public static bool GreaterThan(object? left, object? right) =>
        Compare(left, right, static (x, y) => x > y, static c => c > 0);

    public static bool GreaterThanOrEqual(object? left, object? right) =>
        Compare(left, right, static (x, y) => x >= y, static c => c >= 0);

    public static object Add(object? left, object? right)
    {
        var l = JsConversions.ToPrimitive(left);
        var r = JsConversions.ToPrimitive(right);
        if (l is string || r is string)
        {
            return string.Concat(JsConversions.ToJsString(l), JsConversions.ToJsString(r));
        }

        return JsConversions.ToNumber(l) + JsConversions.ToNumber(r);
    }

    private static bool SameType(object? left, object? right) => left switch
    {
        double => right is double,
        string => right is string,
        bool => right is bool,
        _ => JsConversions.IsObject(left) && JsConversions.IsObject(right),
    };

    // x is a number and y is anything but null/undefined.
    private static bool LooseEqualsNumber(double x, object? y) => y switch
    {
        double d => x == d,
        bool b => x == (b ? 1 : 0),
        // Strings, and objects via ToPrimitive (which always yields a string for our objects).
        _ => x == JsConversions.StringToNumber(JsConversions.ToJsString(y)),
    };

    // IsLessThan (ECMA-262 7.2.13): two strings compare by UTF-16 code units, anything else as
    // numbers, where NaN makes every comparison false (C# double comparisons behave the same).
    private static bool Compare(object? left, object? right, Func<double, double, bool> numbers, Func<int, bool> strings)
    {
        var l = JsConversions.ToPrimitive(left);
        var r = JsConversions.ToPrimitive(right);
        if (l is string s && r is string t)
        {
            return strings(string.CompareOrdinal(s, t));
        }

        return numbers(JsConversions.ToNumber(l), JsConversions.ToNumber(r));
    }
}
