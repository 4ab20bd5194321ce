using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class CallActivityTests
{
    private static readonly string Child = Wrap($"""
        <bpmn:startEvent id="cs" /><bpmn:userTask id="childTask" /><bpmn:exclusiveGateway id="cx" default="cok" />
        <bpmn:endEvent id="ce" /><bpmn:endEvent id="cerr"><bpmn:errorEventDefinition errorRef="E" /></bpmn:endEvent>
        {Flow("c1", "cs", "childTask")}{Flow("c2", "childTask", "cx")}{Flow("cok", "cx", "ce")}{Flow("cbad", "cx", "cerr", "outcome === 'fail'")}
        """, """<bpmn:error id="E" errorCode="CHILD_FAILED" />""", "child");

    private static string Parent(string mappings = "", string boundary = "") => Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements>{mappings}</bpmn:extensionElements></bpmn:callActivity>
        {boundary}
        <bpmn:userTask id="after" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "call")}{Flow("f1", "call", "after")}{Flow("f2", "after", "e")}
        """, """<bpmn:error id="E" errorCode="CHILD_FAILED" />""");

    [Fact]
    public void CallActivity_RunsChildAndCopiesVariablesBothWays()
    {
        var h = new Harness(null, Document(Parent()), Document(Child));
        var parent = h.Start(variables: new { incidentId = "J-1" });
        var child = h.AllInstances().Single(i => i.ParentInstanceId == parent.Id);
        Assert.Equal("J-1", child.Variables["incidentId"]);
        h.Complete(child, "childTask", data: new { caseId = "A-9" });
        Assert.Equal(InstanceStatus.Completed, child.Status);
        Assert.Equal("A-9", parent.Variables["caseId"]);
        Assert.Equal(["after"], Harness.OpenTasks(parent));
    }

    [Fact]
    public void CallActivity_AppliesDeclaredMappingsOnly()
    {
        var mappings = """<wf:in source="incidentId" target="parentIncident" /><wf:out source="caseId" target="linkedCase" />""";
        var h = new Harness(null, Document(Parent(mappings)), Document(Child));
        var parent = h.Start(variables: new { incidentId = "J-1", secret = "x" });
        var child = h.AllInstances().Single(i => i.ParentInstanceId == parent.Id);
        Assert.Equal("J-1", child.Variables["parentIncident"]);
        Assert.False(child.Variables.ContainsKey("secret"));
        h.Complete(child, "childTask", data: new { caseId = "A-9", other = 1 });
        Assert.Equal("A-9", parent.Variables["linkedCase"]);
        Assert.False(parent.Variables.ContainsKey("other"));
    }

    [Fact]
    public void CallActivity_ChildError_IsCaughtByBoundaryOnCallActivity()
    {
        var boundary = $"""<bpmn:boundaryEvent id="failed" attachedToRef="call"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent><bpmn:endEvent id="e2" />{Flow("fb", "failed", "e2")}""";
        var h = new Harness(null, Document(Parent(boundary: boundary)), Document(Child));
        var parent = h.Start();
        var child = h.AllInstances().Single(i => i.ParentInstanceId == parent.Id);
        h.Complete(child, "childTask", "fail");
        Assert.Equal(InstanceStatus.Failed, child.Status);
        Assert.Equal(InstanceStatus.Completed, parent.Status);
        Assert.Contains("e2", h.Trace);
    }

    [Fact]
    public void CallActivity_InterruptingTimer_CancelsTheChild()
    {
        var boundary = $"""<bpmn:boundaryEvent id="late" attachedToRef="call">{Timer("PT1H")}</bpmn:boundaryEvent><bpmn:endEvent id="e2" />{Flow("fb", "late", "e2")}""";
        var h = new Harness(null, Document(Parent(boundary: boundary)), Document(Child));
        var parent = h.Start();
        var child = h.AllInstances().Single(i => i.ParentInstanceId == parent.Id);
        h.Advance(TimeSpan.FromHours(1));
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Empty(child.Tasks);
        Assert.Equal(InstanceStatus.Completed, parent.Status);
    }

    [Fact]
    public void CallActivity_ToUndeployedProcess_IsAnIncident()
    {
        var h = new Harness(null, Document(Parent()));
        var parent = h.Start();
        var incident = Assert.Single(parent.Incidents);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains("not deployed", incident.Message, StringComparison.Ordinal);
    }
}
