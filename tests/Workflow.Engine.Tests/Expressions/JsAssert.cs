using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

internal static class JsAssert
{
    /// <summary>Structural equality of JSON-shaped values, where numbers must match bit for bit (so -0 differs from 0) and NaN equals NaN.</summary>
    public static void Same(object? expected, object? actual, string context)
    {
        switch (expected)
        {
            case double e:
                var a = Assert.IsType<double>(actual);
                Assert.True(
                    (double.IsNaN(e) && double.IsNaN(a)) || BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
                    $"{context}: expected {e:R} but got {a:R}");
                break;
            case IReadOnlyDictionary<string, object?> map:
                var other = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                Assert.Equal(map.Keys.Order(StringComparer.Ordinal), other.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, value) in map)
                {
                    Same(value, other[key], $"{context}.{key}");
                }

                break;
            case IReadOnlyList<object?> list:
                var otherList = Assert.IsAssignableFrom<IReadOnlyList<object?>>(actual);
                Assert.Equal(list.Count, otherList.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    Same(list[i], otherList[i], $"{context}[{i}]");
                }

                break;
            default:
                Assert.True(Equals(expected, actual), $"{context}: expected {Show(expected)} but got {Show(actual)}");
                break;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\" (string)",
        _ when ReferenceEquals(value, JsValues.Undefined) => "undefined",
        _ => $"{value} ({value.GetType().Name})",
    };
}
