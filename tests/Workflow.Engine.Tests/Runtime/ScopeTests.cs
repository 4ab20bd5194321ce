using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class ScopeTests
{
    [Fact]
    public void NestedSubProcesses_CompleteInsideOut()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="outer">
              <bpmn:startEvent id="os" />
              <bpmn:subProcess id="inner">
                <bpmn:startEvent id="is" /><bpmn:userTask id="deep" /><bpmn:endEvent id="ie" />
                {Flow("i1", "is", "deep")}{Flow("i2", "deep", "ie")}
              </bpmn:subProcess>
              <bpmn:userTask id="after" /><bpmn:endEvent id="oe" />
              {Flow("o1", "os", "inner")}{Flow("o2", "inner", "after")}{Flow("o3", "after", "oe")}
            </bpmn:subProcess>
            <bpmn:endEvent id="e" />
            {Flow("f0", "s", "outer")}{Flow("f1", "outer", "e")}
            """));
        var instance = h.Start();
        Assert.Equal(2, instance.Scopes.Count);
        h.Complete(instance, "deep");
        Assert.Single(instance.Scopes);
        Assert.Equal(["after"], Harness.OpenTasks(instance));
        h.Complete(instance, "after");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Scopes);
        Assert.Equal(["s", "outer", "os", "inner", "is", "deep", "ie", "after", "oe", "e"], h.Trace);
    }

    [Fact]
    public void TerminateEnd_InSubProcess_EndsOnlyTheSubProcess()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="slow" /><bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="se" />
              {Flow("s1", "ss", "fork")}{Flow("s2", "fork", "slow")}{Flow("s3", "fork", "kill")}{Flow("s4", "slow", "se")}
            </bpmn:subProcess>
            <bpmn:userTask id="next" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "sub")}{Flow("f1", "sub", "next")}{Flow("f2", "next", "e")}
            """));
        var instance = h.Start();
        Assert.Equal(["next"], Harness.OpenTasks(instance));
        Assert.Empty(instance.Scopes);
    }

    [Fact]
    public void TerminateEnd_AtProcessLevel_EndsEverything()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="slow" /><bpmn:userTask id="fast" />
            <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "fork")}{Flow("f1", "fork", "slow")}{Flow("f2", "fork", "fast")}{Flow("f3", "fast", "kill")}{Flow("f4", "slow", "e")}
            """));
        var instance = h.Start();
        h.Complete(instance, "fast");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tasks);
        Assert.Empty(instance.Tokens);
    }

    private static string ErrorFlow(string boundaryErrorRef) => $"""
        <bpmn:startEvent id="s" />
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="ss" /><bpmn:userTask id="check" /><bpmn:exclusiveGateway id="ok" default="fine" />
          <bpmn:endEvent id="boom"><bpmn:errorEventDefinition errorRef="ErrFacts" /></bpmn:endEvent><bpmn:endEvent id="se" />
          {Flow("s1", "ss", "check")}{Flow("s2", "check", "ok")}{Flow("bad", "ok", "boom", "outcome === 'bad'")}{Flow("fine", "ok", "se")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition {boundaryErrorRef} /></bpmn:boundaryEvent>
        <bpmn:userTask id="fix" /><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "sub")}{Flow("f1", "sub", "e")}{Flow("f2", "caught", "fix")}{Flow("f3", "fix", "e2")}
        """;

    private const string Errors = """<bpmn:error id="ErrFacts" errorCode="FACTS" /><bpmn:error id="ErrOther" errorCode="OTHER" />""";

    [Theory]
    [InlineData("errorRef=\"ErrFacts\"")]
    [InlineData("")]
    public void ErrorEnd_IsCaughtByBoundary_WithMatchingCodeOrCatchAll(string errorRef)
    {
        var h = Harness.For(Process(ErrorFlow(errorRef), Errors));
        var instance = h.Start();
        h.Complete(instance, "check", "bad");
        Assert.Equal(["fix"], Harness.OpenTasks(instance));
        Assert.Empty(instance.Scopes);
        h.Complete(instance, "fix");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void ErrorEnd_WithOtherCode_IsAnIncident_NotASilentStop()
    {
        var h = Harness.For(Process(ErrorFlow("errorRef=\"ErrOther\""), Errors));
        var instance = h.Start();
        h.Complete(instance, "check", "bad");
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("uncaught-error", incident.Code);
        Assert.Equal("boom", incident.ElementId);
        Assert.Equal(InstanceStatus.Running, instance.Status);
    }

    private static string TimedSub(bool interrupting) => $"""
        <bpmn:startEvent id="s" />
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="ss" />
          <bpmn:subProcess id="inner"><bpmn:startEvent id="is" /><bpmn:userTask id="deep" /><bpmn:endEvent id="ie" />{Flow("i1", "is", "deep")}{Flow("i2", "deep", "ie")}</bpmn:subProcess>
          <bpmn:endEvent id="se" />
          {Flow("s1", "ss", "inner")}{Flow("s2", "inner", "se")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="late" attachedToRef="sub" cancelActivity="{(interrupting ? "true" : "false")}">{Timer("P1D")}</bpmn:boundaryEvent>
        <bpmn:userTask id="chase" /><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "sub")}{Flow("f1", "sub", "e")}{Flow("f2", "late", "chase")}{Flow("f3", "chase", "e2")}
        """;

    [Fact]
    public void InterruptingTimerOnSubProcess_CancelsNestedScopesAndTasks()
    {
        var h = Harness.For(Process(TimedSub(interrupting: true)));
        var instance = h.Start();
        h.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["chase"], Harness.OpenTasks(instance));
        Assert.Empty(instance.Scopes);
        h.Complete(instance, "chase");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tokens);
    }

    [Fact]
    public void NonInterruptingTimerOnSubProcess_RunsBesideIt()
    {
        var h = Harness.For(Process(TimedSub(interrupting: false)));
        var instance = h.Start();
        h.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["chase", "deep"], Harness.OpenTasks(instance));
        h.Complete(instance, "deep");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        h.Complete(instance, "chase");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void InclusiveJoin_WaitsForABranchThatIsInsideASubProcess()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:inclusiveGateway id="split" />
            <bpmn:userTask id="A" />
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:userTask id="B" /><bpmn:endEvent id="se" />{Flow("b1", "ss", "B")}{Flow("b2", "B", "se")}</bpmn:subProcess>
            <bpmn:inclusiveGateway id="join" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "split")}{Flow("toA", "split", "A", "true")}{Flow("toSub", "split", "sub", "true")}
            {Flow("fa", "A", "join")}{Flow("fs", "sub", "join")}{Flow("fe", "join", "e")}
            """));
        var instance = h.Start();
        h.Complete(instance, "A");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Equal(["B"], Harness.OpenTasks(instance));
        h.Complete(instance, "B");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, h.Trace.Count(id => id == "e"));
    }
}
