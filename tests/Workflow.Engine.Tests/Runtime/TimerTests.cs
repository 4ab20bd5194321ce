using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class TimerTests
{
    private static string Bounded(bool interrupting, string duration = "PT10M") => $"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="work" />
        <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="{(interrupting ? "true" : "false")}">{Timer(duration)}</bpmn:boundaryEvent>
        <bpmn:userTask id="escalate" /><bpmn:endEvent id="done" /><bpmn:endEvent id="escalated" />
        {Flow("f0", "s", "work")}{Flow("f1", "work", "done")}{Flow("f2", "late", "escalate")}{Flow("f3", "escalate", "escalated")}
        """;

    [Fact]
    public void BoundaryTimer_Interrupting_CancelsTaskAndTakesBoundaryPath()
    {
        var h = Harness.For(Process(Bounded(interrupting: true)));
        var instance = h.Start();
        Assert.Equal(h.Clock.Now.AddMinutes(10), Assert.Single(instance.Timers).Due);
        h.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(["work"], Harness.OpenTasks(instance));
        h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["escalate"], Harness.OpenTasks(instance));
        Assert.Empty(instance.Timers);
        h.Complete(instance, "escalate");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.DoesNotContain("done", h.Trace);
    }

    [Fact]
    public void BoundaryTimer_NonInterrupting_KeepsTaskAndAddsBranch()
    {
        var h = Harness.For(Process(Bounded(interrupting: false)));
        var instance = h.Start();
        h.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["escalate", "work"], Harness.OpenTasks(instance));
        h.Complete(instance, "escalate");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        h.Complete(instance, "work");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void BoundaryTimer_IsWithdrawn_WhenTaskCompletesFirst()
    {
        var h = Harness.For(Process(Bounded(interrupting: true)));
        var instance = h.Start();
        h.Complete(instance, "work");
        Assert.Empty(instance.Timers);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void BoundaryTimer_Cycle_FiresItsRepetitionsThenStops()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:serviceTask id="note" /><bpmn:endEvent id="done" /><bpmn:endEvent id="noted" />
            {Flow("f0", "s", "work")}{Flow("f1", "work", "done")}{Flow("f2", "remind", "note")}{Flow("f3", "note", "noted")}
            """));
        var instance = h.Start();
        h.Advance(TimeSpan.FromHours(5));
        Assert.Equal(2, h.Trace.Count(id => id == "noted"));
        Assert.Empty(instance.Timers);
        Assert.Equal(["work"], Harness.OpenTasks(instance));
    }

    [Fact]
    public void IntermediateTimer_WaitsForItsDuration()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait">{Timer("P3D")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
            """));
        var instance = h.Start();
        var start = h.Clock.Now;
        Assert.Equal(start.AddDays(3), Assert.Single(instance.Timers).Due);
        h.Advance(TimeSpan.FromDays(2));
        Assert.Equal(InstanceStatus.Running, instance.Status);
        h.Advance(TimeSpan.FromDays(1));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void IntermediateTimer_Date_IsDueAtThatDate()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2026-03-05T08:30:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
            """));
        var instance = h.Start();
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 8, 30, 0, TimeSpan.Zero), Assert.Single(instance.Timers).Due);
    }

    [Fact]
    public void FireTimer_ReturnsError_WhenTimerIsNotArmed()
    {
        var h = Harness.For(Process(Bounded(interrupting: true)));
        var instance = h.Start();
        var result = h.Runtime.FireTimer(instance, Guid.NewGuid());
        Assert.Equal(EngineErrors.TimerNotFound, result.Error!.Code);
    }
}
