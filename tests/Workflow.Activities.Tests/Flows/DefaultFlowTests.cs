using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workflow.Activities.Catalogue;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Simulation;

namespace Workflow.Activities.Tests.Flows;

/// <summary>The files of workflows/: valid with the catalogue, complete declarations, a clean diagram, and simulated along their main paths.</summary>
public partial class DefaultFlowTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Wf = "urn:workflow:bpmn:1";

    public static TheoryData<string> Files() => [.. ShippedFlows.Files];

    [GeneratedRegex("outcome === '([a-z-]+)'")]
    private static partial Regex OutcomeTest();

    [Theory]
    [MemberData(nameof(Files))]
    public void File_ImportsWithoutErrorsOrWarnings_WithTheCatalogue(string file)
    {
        var alone = ShippedFlows.Result(file);
        Assert.True(alone.IsValid, string.Join("\n", alone.Errors));

        // Checked with its companions, as `validate workflows/*.bpmn` does: the call targets resolve.
        var result = alone.WithCrossFileErrors(CallGraphCheck.Check(alone.Document!, ShippedFlows.AllProcesses()));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void UserTasks_DeclareTypeRolesNamesAndOutcomesInTheFile(string file)
    {
        var source = XDocument.Parse(ShippedFlows.Source(file));
        foreach (var task in source.Descendants(Bpmn + "userTask"))
        {
            var id = (string)task.Attribute("id")!;
            var type = (string?)task.Attribute(Wf + "type");
            Assert.True(ActivityCatalogue.Default.Find(type) is not null, $"{file} {id}: wf:type '{type}' is not in the catalogue");
            Assert.False(string.IsNullOrEmpty((string?)task.Attribute(Wf + "roles")), $"{file} {id}: no wf:roles");
            Assert.False(string.IsNullOrEmpty((string?)task.Attribute(Wf + "nameEn")), $"{file} {id}: no wf:nameEn");
            Assert.False(string.IsNullOrEmpty((string?)task.Attribute("name")), $"{file} {id}: no name");
            var activity = ActivityCatalogue.Default.Find(type)!;
            var outcomes = task.Descendants(Wf + "outcome").ToList();
            Assert.Equal(activity.Outcomes.Count > 0, outcomes.Count > 0);
            foreach (var outcome in outcomes)
            {
                var known = activity.FindOutcome((string)outcome.Attribute("id")!);
                Assert.True(known is not null, $"{file} {id}: outcome '{outcome.Attribute("id")}' is not one of {type}");
                Assert.Equal(known.RequiresReason, (string?)outcome.Attribute("requiresReason") == "true");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Separations_NameTasksOfTheSameProcess_AndGatewaysTestOfferedOutcomes(string file)
    {
        foreach (var process in ShippedFlows.Document(file).Processes)
        {
            foreach (var node in process.Nodes.Where(n => n.Kind == NodeKind.UserTask))
            {
                Assert.All(node.Task.NotSameAs, id => Assert.True(process.FindNode(id)?.Kind == NodeKind.UserTask, $"{node.Id}: notSameAs '{id}' is no task"));
            }
            foreach (var flow in process.Flows.Where(f => f.Condition is not null))
            {
                var gateway = process.Nodes[flow.Source];
                var decided = gateway.Incoming.Select(i => process.Nodes[process.Flows[i].Source]).Single();
                var text = XDocument.Parse(ShippedFlows.Source(file)).Descendants(Bpmn + "sequenceFlow").Single(f => (string)f.Attribute("id")! == flow.Id).Value;
                foreach (Match m in OutcomeTest().Matches(text))
                {
                    Assert.True(decided.Task.FindOutcome(m.Groups[1].Value) is not null,
                        $"{file} {flow.Id} tests outcome '{m.Groups[1].Value}', which {decided.Id} does not offer");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagram_HasAShapeOrEdgeForEveryElement_AndNoShapesOverlap(string file)
    {
        var source = XDocument.Parse(ShippedFlows.Source(file));
        var shapes = source.Descendants(Di + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, Bounds);
        var edges = source.Descendants(Di + "BPMNEdge").ToDictionary(e => (string)e.Attribute("bpmnElement")!, e => e.Elements(XName.Get("waypoint", "http://www.omg.org/spec/DD/20100524/DI")).Count());
        var process = source.Descendants(Bpmn + "process").Single();

        foreach (var element in process.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName is not ("sequenceFlow" or "extensionElements")))
        {
            Assert.True(shapes.ContainsKey((string)element.Attribute("id")!), $"{file}: no shape for {element.Attribute("id")}");
        }
        foreach (var flow in process.Elements(Bpmn + "sequenceFlow"))
        {
            Assert.True(edges.TryGetValue((string)flow.Attribute("id")!, out var points) && points >= 2, $"{file}: no edge for {flow.Attribute("id")}");
        }
        var attached = process.Elements(Bpmn + "boundaryEvent").ToDictionary(b => (string)b.Attribute("id")!, b => (string)b.Attribute("attachedToRef")!);
        var list = shapes.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (attached.GetValueOrDefault(a.Key) == b.Key || attached.GetValueOrDefault(b.Key) == a.Key)
                {
                    continue; // a boundary event sits on its host's border
                }
                Assert.False(Overlap(a.Value, b.Value), $"{file}: {a.Key} overlaps {b.Key}");
            }
        }
    }

    [Theory]
    [InlineData(null, "Event_Closed")]
    [InlineData("to-admin-case", "Event_CaseClosed")]
    [InlineData("to-criminal-case", "Event_CaseClosed")]
    public void Simulator_RunsTheIncidentToItsEnd_AlongEachDisposition(string? disposition, string end)
    {
        var variables = new Dictionary<string, object?>();
        if (disposition is not null)
        {
            variables["disposition"] = disposition;
        }
        var all = ShippedFlows.AllProcesses().ToList();

        var result = new Simulator(id => all.FirstOrDefault(p => p.Id == id)).Run(ShippedFlows.Document("police-incident.bpmn"), null, variables);

        Assert.True(result.Completed, string.Join("\n", result.Incidents));
        Assert.True(result.IsClean);
        Assert.Contains(end, result.Trace);
        Assert.Equal(disposition is not null, result.Trace.Contains("Event_CaseHandled"));
    }

    private static (double X, double Y, double W, double H) Bounds(XElement shape)
    {
        var b = shape.Element(Dc + "Bounds")!;
        return ((double)b.Attribute("x")!, (double)b.Attribute("y")!, (double)b.Attribute("width")!, (double)b.Attribute("height")!);
    }

    private static bool Overlap((double X, double Y, double W, double H) a, (double X, double Y, double W, double H) b) =>
        a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
}
