using Workflow.Engine.Import;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The shipped flows read by the bare engine (no activity catalogue): what the BPMN files declare
/// themselves must be enough to route them. With the catalogue, tests/Workflow.Activities.Tests runs them.
/// </summary>
public class PoliceFlowTests
{
    private static readonly string[] Files = ["police-incident.bpmn", "police-admin-case.bpmn", "police-criminal-case.bpmn"];

    private static readonly Lazy<Model.BpmnDocument[]> Flows = new(() => Files.Select(f =>
    {
        var result = new BpmnImporter().ImportFile(TestBpmn.RepoFile("workflows", f));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Document!;
    }).ToArray());

    private static Model.BpmnDocument Incident => Flows.Value[0];

    [Fact]
    public void DefaultFlows_AreValid_WithDiagramLayoutForTheDesigner()
    {
        var all = Flows.Value.SelectMany(d => d.Processes).ToList();
        foreach (var document in Flows.Value)
        {
            Assert.Empty(CallGraphCheck.Check(document, all));
            foreach (var node in document.Processes.SelectMany(p => p.Nodes))
            {
                Assert.Contains($"bpmnElement=\"{node.Id}\"", document.Source, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(null, "Event_Closed")]
    [InlineData("to-admin-case", "CallActivity_AdminCase")]
    [InlineData("to-criminal-case", "CallActivity_CriminalCase")]
    public void Simulation_RunsToCompletion(string? disposition, string expected)
    {
        var all = Flows.Value.SelectMany(d => d.Processes).ToList();
        var variables = new Dictionary<string, object?> { ["disposition"] = disposition };
        var result = new Simulator(id => all.FirstOrDefault(p => p.Id == id)).Run(Incident, null, variables);
        Assert.True(result.Completed, string.Join("\n", result.Incidents));
        Assert.True(result.IsClean);
        Assert.Contains(expected, result.Trace);
    }

    [Fact]
    public void NonCaseReview_ReturnLoopsBackToFeedback_ThenCloses()
    {
        var h = new Harness(null, Flows.Value);
        var instance = h.Start("police-incident");
        h.Complete(instance, "Task_Register", "dispatch", new { channel = "110", nature = "dispute", urgency = "2" });
        h.Complete(instance, "Task_Dispatch", null, new { unit = "chengguan" });
        Assert.Equal("chengguan", h.Task(instance, "Task_Acknowledge").Unit);
        h.Complete(instance, "Task_Acknowledge");
        h.Complete(instance, "Task_Arrive");
        h.Complete(instance, "Task_Feedback", "submit", new { disposition = "dispute-settled", confirmedNature = "dispute", isCase = false });
        h.Complete(instance, "Task_ReviewNonCase", "return", reason: "no body-cam reference", reasonCode: "missing-body-cam");
        h.Complete(instance, "Task_Feedback", "submit", new { disposition = "dispute-settled", confirmedNature = "dispute", isCase = false, bodyCamRef = "BC-1" });
        h.Complete(instance, "Task_ReviewNonCase", "approve");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(2, h.Trace.Count(id => id == "Task_Feedback"));
    }

    [Fact]
    public void UnacknowledgedDispatch_EscalatesToUnitHeadAfterThreeMinutes()
    {
        var h = new Harness(null, Flows.Value);
        var instance = h.Start("police-incident");
        h.Complete(instance, "Task_Register", "dispatch", new { channel = "110", nature = "dispute", urgency = "1" });
        h.Complete(instance, "Task_Dispatch", null, new { unit = "chengguan" });
        h.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(["Task_Acknowledge", "Task_EscalateAck"], Harness.OpenTasks(instance));
    }

    [Fact]
    public void CriminalCase_NotFiled_EndsTheIncidentAfterTheNotice()
    {
        var h = new Harness(null, Flows.Value);
        var incident = h.Start("police-incident", businessKey: "J-2026-0001");
        h.Complete(incident, "Task_Register", "dispatch");
        h.Complete(incident, "Task_Dispatch", null, new { unit = "chengguan" });
        h.Complete(incident, "Task_Acknowledge");
        h.Complete(incident, "Task_Arrive");
        h.Complete(incident, "Task_Feedback", "submit", new { disposition = "to-criminal-case", isCase = true });
        h.Complete(incident, "Task_Intake");
        h.Complete(incident, "Task_FilingDecision", "not-file", reason: "情节显著轻微", reasonCode: "trivial");
        h.Complete(incident, "Task_NonFilingApproval", "approve");
        h.Complete(incident, "Task_NotifyNonFiling", "notified", new { noticeNo = "N-1" });
        Assert.Equal(InstanceStatus.Completed, incident.Status);
        Assert.Contains("Event_NotFiled", h.Trace);
    }
}
