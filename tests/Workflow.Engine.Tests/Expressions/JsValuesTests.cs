using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

public class JsValuesTests
{
    public static TheoryData<object?, bool> TruthinessTable() => new()
    {
        { null, false },
        { JsValues.Undefined, false },
        { false, false },
        { true, true },
        { 0.0, false },
        { -0.0, false },
        { double.NaN, false },
        { 1.0, true },
        { -1.5, true },
        { double.PositiveInfinity, true },
        { "", false },
        { "0", true },
        { "false", true },
        { " ", true },
        { new Dictionary<string, object?>(), true },
        { new List<object?>(), true },
        { 0, false },
        { 2L, true },
    };

    [Theory]
    [MemberData(nameof(TruthinessTable))]
    public void IsTruthy_FollowsJavaScript_ForEachValue(object? value, bool expected) =>
        Assert.Equal(expected, JsValues.IsTruthy(value));

    public static TheoryData<object, double> Numbers() => new()
    {
        { 3, 3.0 },
        { 3L, 3.0 },
        { (short)-2, -2.0 },
        { (byte)200, 200.0 },
        { (sbyte)-5, -5.0 },
        { (ushort)7, 7.0 },
        { 9u, 9.0 },
        { 10ul, 10.0 },
        { 1.25m, 1.25 },
        { 0.1f, 0.1 },
        { 2.5, 2.5 },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Normalize_ReturnsDouble_WhenGivenAnyClrNumber(object value, double expected) =>
        Assert.Equal(expected, Assert.IsType<double>(JsValues.Normalize(value)));

    [Theory]
    [InlineData(null)]
    [InlineData("text")]
    [InlineData(true)]
    public void Normalize_ReturnsValueUnchanged_WhenAlreadyPrimitive(object? value) =>
        Assert.Equal(value, JsValues.Normalize(value));

    [Fact]
    public void Normalize_ReturnsNull_WhenUndefined() => Assert.Null(JsValues.Normalize(JsValues.Undefined));

    [Fact]
    public void Normalize_CopiesRecursively_WhenGivenNestedDictionariesAndLists()
    {
        var source = new Dictionary<string, object?>
        {
            ["count"] = 2,
            ["tags"] = new[] { "a", "b" },
            ["scores"] = new List<int> { 1, 2 },
            ["inner"] = new Dictionary<string, int> { ["x"] = 1 },
            ["missing"] = JsValues.Undefined,
        };

        var result = Assert.IsType<Dictionary<string, object?>>(JsValues.Normalize(source));

        Assert.NotSame(source, result);
        Assert.Equal(2.0, result["count"]);
        Assert.Equal(new List<object?> { "a", "b" }, Assert.IsType<List<object?>>(result["tags"]));
        Assert.Equal(new List<object?> { 1.0, 2.0 }, Assert.IsType<List<object?>>(result["scores"]));
        Assert.Equal(1.0, Assert.IsType<Dictionary<string, object?>>(result["inner"])["x"]);
        Assert.Null(result["missing"]);
    }

    [Fact]
    public void Normalize_ReturnsJsonShape_WhenGivenJsonElement()
    {
        using var document = JsonDocument.Parse("""{"n": 1, "s": "x", "b": true, "z": null, "list": [1, {"k": false}]}""");

        var result = Assert.IsType<Dictionary<string, object?>>(JsValues.Normalize(document.RootElement));

        Assert.Equal(1.0, result["n"]);
        Assert.Equal("x", result["s"]);
        Assert.Equal(true, result["b"]);
        Assert.Null(result["z"]);
        var list = Assert.IsType<List<object?>>(result["list"]);
        Assert.Equal(1.0, list[0]);
        Assert.Equal(false, Assert.IsType<Dictionary<string, object?>>(list[1])["k"]);
    }

    [Fact]
    public void Normalize_ReturnsJsonShape_WhenGivenJsonNode()
    {
        var node = new JsonObject { ["n"] = 4, ["list"] = new JsonArray(1, "two") };

        var result = Assert.IsType<Dictionary<string, object?>>(JsValues.Normalize(node));

        Assert.Equal(4.0, result["n"]);
        Assert.Equal(new List<object?> { 1.0, "two" }, Assert.IsType<List<object?>>(result["list"]));
    }

    public static TheoryData<object> NonJsonValues() => new()
    {
        new object(),
        new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new Uri("https://example.com"),
        new Dictionary<int, string> { [1] = "a" },
        new List<object?> { new object() },
        DayOfWeek.Monday,
    };

    [Theory]
    [MemberData(nameof(NonJsonValues))]
    public void Normalize_ThrowsArgumentException_WhenValueIsNotJsonShaped(object value) =>
        Assert.Throws<ArgumentException>(() => JsValues.Normalize(value));

    [Fact]
    public void Normalize_ThrowsArgumentException_WhenGraphIsCyclic()
    {
        var list = new List<object?>();
        list.Add(list);

        Assert.Throws<ArgumentException>(() => JsValues.Normalize(list));
    }
}
