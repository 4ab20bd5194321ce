using System.Text;
using System.Text.Json;
using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Variables read back from stored state have the shapes the engine works with, exactly as normalising them gives.</summary>
public class InstanceStateSerializerTests
{
    private static readonly string OneTask = $"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """;

    private static Dictionary<string, object?> Values() => new()
    {
        ["text"] = "接警 \"quoted\" \u2028 line",
        ["whole"] = 42,
        ["fraction"] = 0.1,
        ["big"] = 1e300,
        ["negative"] = -7.5,
        ["yes"] = true,
        ["no"] = false,
        ["nothing"] = null,
        ["list"] = new List<object?> { "a", 1, null, new List<object?> { true }, new Dictionary<string, object?> { ["k"] = "v" } },
        ["map"] = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["deep"] = new List<object?>() }, ["B"] = 2, ["b"] = 3 },
        ["empty"] = new Dictionary<string, object?>(),
    };

    [Fact]
    public void Variables_ComeBackAsNormalisingTheirJsonWouldGive()
    {
        var h = Harness.For(Process(OneTask));
        var instance = h.Start(variables: Values());
        var bytes = InstanceStateSerializer.Serialize(instance);

        var copy = InstanceStateSerializer.Deserialize(bytes);

        using var document = JsonDocument.Parse(bytes);
        var stored = document.RootElement.GetProperty("Variables");
        foreach (var (name, value) in copy.Variables)
        {
            var expected = JsValues.Normalize(stored.GetProperty(name).Clone());
            Assert.Equal(Shape(expected), Shape(value));
        }
        Assert.Equal(Values().Keys.Order(), copy.Variables.Keys.Order());
        Assert.IsType<double>(copy.Variables["whole"]);
        Assert.IsType<List<object?>>(copy.Variables["list"]);
        var map = Assert.IsType<Dictionary<string, object?>>(copy.Variables["map"]);
        Assert.Equal((2.0, 3.0), (map["B"], map["b"])); // keys compare ordinally
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(InstanceStateSerializer.Serialize(copy)));
    }

    [Fact]
    public void TaskLocals_AndAmendmentValues_ComeBackNormalised_Too()
    {
        const string state = """
            {"Id":"0198a1b2-0000-7000-8000-000000000001","ProcessId":"p","Version":1,"Status":"Running","Variables":{},
             "Tasks":[{"Id":"0198a1b2-0000-7000-8000-000000000002","TokenId":1,"Node":1,"ElementId":"t","CreatedAt":"2026-05-01T08:00:00+00:00",
                       "LoopCounter":0,"Local":{"item":{"n":1},"items":[1,"x"]}}],
             "Amendments":[{"Id":"0198a1b2-0000-7000-8000-000000000003","Changes":[{"Name":"v","Before":[1,{"a":null}],"After":"x"}],
                            "ReasonCode":"typo","Reason":"r","ProposedBy":"u","ProposedAt":"2026-05-01T08:00:00+00:00","Status":"Pending"}]}
            """;

        var instance = InstanceStateSerializer.Deserialize(Encoding.UTF8.GetBytes(state));

        var local = instance.Tasks[0].Local!;
        Assert.Equal(1.0, Assert.IsType<Dictionary<string, object?>>(local["item"])["n"]);
        Assert.Equal([1.0, "x"], Assert.IsType<List<object?>>(local["items"]));
        var change = Assert.Single(Assert.Single(instance.Amendments!).Changes);
        var before = Assert.IsType<List<object?>>(change.Before);
        Assert.Equal(1.0, before[0]);
        Assert.Null(Assert.IsType<Dictionary<string, object?>>(before[1])["a"]);
        Assert.Equal("x", change.After);
    }

    /// <summary>A value with its types spelled out, so that 1 (int) and 1.0 (double) differ.</summary>
    private static string Shape(object? value) => value switch
    {
        null => "null",
        string s => $"string:{s}",
        double d => $"double:{d:R}",
        bool b => $"bool:{b}",
        List<object?> list => $"list[{string.Join(",", list.Select(Shape))}]",
        Dictionary<string, object?> map => $"map{{{string.Join(",", map.Select(p => $"{p.Key}={Shape(p.Value)}"))}}}",
        _ => $"other:{value.GetType().Name}",
    };
}
