using Workflow.Engine.Import;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Runtime;

public class PoliceFlowTests
{
    private static readonly Lazy<(Model.BpmnDocument Incident, Model.BpmnDocument Case)> Flows = new(() =>
    {
        var importer = new BpmnImporter();
        var incident = importer.ImportFile(TestBpmn.RepoFile("workflows", "police-incident.bpmn"));
        var @case = importer.ImportFile(TestBpmn.RepoFile("workflows", "police-case.bpmn"));
        Assert.True(incident.IsValid, string.Join("\n", incident.Errors));
        Assert.True(@case.IsValid, string.Join("\n", @case.Errors));
        return (incident.Document!, @case.Document!);
    });

    [Fact]
    public void DefaultFlows_AreValid_WithDiagramLayoutForTheDesigner()
    {
        var (incident, @case) = Flows.Value;
        foreach (var document in new[] { incident, @case })
        {
            Assert.Empty(CallGraphCheck.Check(document, incident.Processes.Concat(@case.Processes)));
            foreach (var node in document.Processes.SelectMany(p => p.Nodes))
            {
                Assert.Contains($"bpmnElement=\"{node.Id}\"", document.Source, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(false, null, "Event_Closed")]
    [InlineData(true, "administrative", "Event_CaseClosed")]
    [InlineData(true, "criminal", "Event_CaseClosed")]
    public void Simulation_RunsToCompletion(bool isCase, string? caseType, string expectedEnd)
    {
        var (incident, @case) = Flows.Value;
        var variables = new Dictionary<string, object?> { ["isCase"] = isCase, ["caseType"] = caseType };
        var result = new Simulator(id => @case.FindProcess(id)).Run(incident, null, variables);
        Assert.True(result.Completed, string.Join("\n", result.Incidents));
        Assert.True(result.IsClean);
        Assert.Contains(expectedEnd, result.Trace);
    }

    [Fact]
    public void NonCaseReview_ReturnLoopsBackToFeedback_ThenCloses()
    {
        var (incident, @case) = Flows.Value;
        var h = new Harness(null, incident, @case);
        var instance = h.Start("police-incident");
        h.Complete(instance, "Task_Register", "dispatch", new { channel = "110", nature = "dispute", urgency = "2" });
        h.Complete(instance, "Task_Dispatch", null, new { unit = "chengguan" });
        Assert.Equal("chengguan", h.Task(instance, "Task_Acknowledge").Unit);
        h.Complete(instance, "Task_Acknowledge");
        h.Complete(instance, "Task_Arrive");
        h.Complete(instance, "Task_Feedback", null, new { disposition = "dispute-settled", confirmedNature = "dispute", isCase = false });
        h.Complete(instance, "Task_ReviewNonCase", "return", reason: "no body-cam reference", reasonCode: "incomplete-feedback");
        h.Complete(instance, "Task_Feedback", null, new { disposition = "dispute-settled", confirmedNature = "dispute", isCase = false, bodyCamRef = "BC-1" });
        h.Complete(instance, "Task_ReviewNonCase", "approve");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(2, h.Trace.Count(id => id == "Task_Feedback"));
    }

    [Fact]
    public void UnacknowledgedDispatch_EscalatesToUnitHeadAfterThreeMinutes()
    {
        var (incident, @case) = Flows.Value;
        var h = new Harness(null, incident, @case);
        var instance = h.Start("police-incident");
        h.Complete(instance, "Task_Register", "dispatch", new { channel = "110", nature = "dispute", urgency = "1" });
        h.Complete(instance, "Task_Dispatch", null, new { unit = "chengguan" });
        h.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(["Task_Acknowledge", "Task_EscalateAck"], Harness.OpenTasks(instance));
    }
}
