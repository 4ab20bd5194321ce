using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class MessageTests
{
    private const string Messages = """<bpmn:message id="M1" name="caller-called-back" /><bpmn:message id="M2" name="cancelled" />""";

    [Fact]
    public void IntermediateMessage_IsCorrelatedByBusinessKey()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
            """, Messages));
        var one = h.Start(businessKey: "J-1");
        var two = h.Start(businessKey: "J-2");
        Assert.Equal(1, h.Runtime.CorrelateMessage("caller-called-back", "J-2", new Dictionary<string, object?> { ["note"] = "ok" }));
        Assert.Equal(InstanceStatus.Running, one.Status);
        Assert.Equal(InstanceStatus.Completed, two.Status);
        Assert.Equal("ok", two.Variables["note"]);
        Assert.Equal(0, h.Runtime.CorrelateMessage("caller-called-back", "J-3", null));
    }

    [Fact]
    public void ReceiveTask_WaitsForItsMessage()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:receiveTask id="r" messageRef="M1" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "r")}{Flow("f1", "r", "e")}
            """, Messages));
        var instance = h.Start(businessKey: "K");
        Assert.Equal("caller-called-back", Assert.Single(instance.Subscriptions).MessageName);
        h.Runtime.CorrelateMessage("caller-called-back", "K", null);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void MessageBoundary_Interrupting_CancelsTheTask()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:messageEventDefinition messageRef="M2" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="e" /><bpmn:endEvent id="stopped" />
            {Flow("f0", "s", "work")}{Flow("f1", "work", "e")}{Flow("f2", "stop", "stopped")}
            """, Messages));
        var instance = h.Start(businessKey: "K");
        h.Runtime.CorrelateMessage("cancelled", "K", null);
        Assert.Empty(instance.Tasks);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains("stopped", h.Trace);
    }

    [Fact]
    public void MessageBoundary_NonInterrupting_KeepsListeningWhileTheTaskRuns()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="update" attachedToRef="work" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="e" /><bpmn:endEvent id="noted" />
            {Flow("f0", "s", "work")}{Flow("f1", "work", "e")}{Flow("f2", "update", "noted")}
            """, Messages));
        var instance = h.Start(businessKey: "K");
        Assert.Equal(1, h.Runtime.CorrelateMessage("caller-called-back", "K", null));
        Assert.Equal(1, h.Runtime.CorrelateMessage("caller-called-back", "K", null));
        Assert.Equal(["work"], Harness.OpenTasks(instance));
        Assert.Equal(2, h.Trace.Count(id => id == "noted"));
        h.Complete(instance, "work");
        Assert.Empty(instance.Subscriptions);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    private static readonly string Race = $"""
        <bpmn:startEvent id="s" /><bpmn:eventBasedGateway id="g" />
        <bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="timeout">{Timer("P7D")}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="answered" /><bpmn:endEvent id="expired" />
        {Flow("f0", "s", "g")}{Flow("f1", "g", "msg")}{Flow("f2", "g", "timeout")}{Flow("f3", "msg", "answered")}{Flow("f4", "timeout", "expired")}
        """;

    [Fact]
    public void EventGateway_MessageFirst_WithdrawsTheTimer()
    {
        var h = Harness.For(Process(Race, Messages));
        var instance = h.Start(businessKey: "K");
        Assert.Single(instance.Timers);
        Assert.Single(instance.Subscriptions);
        h.Runtime.CorrelateMessage("caller-called-back", "K", null);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains("answered", h.Trace);
        Assert.DoesNotContain("expired", h.Trace);
    }

    [Fact]
    public void EventGateway_TimerFirst_WithdrawsTheMessageWait()
    {
        var h = Harness.For(Process(Race, Messages));
        var instance = h.Start(businessKey: "K");
        h.Advance(TimeSpan.FromDays(7));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains("expired", h.Trace);
        Assert.Equal(0, h.Runtime.CorrelateMessage("caller-called-back", "K", null));
    }
}
