using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class GatewayTests
{
    private static readonly string Choice = $"""
        <bpmn:startEvent id="s" />
        <bpmn:exclusiveGateway id="x" default="toC" />
        <bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:endEvent id="c" />
        {Flow("f0", "s", "x")}
        {Flow("toA", "x", "a", "amount > 100")}
        {Flow("toB", "x", "b", "amount > 10")}
        {Flow("toC", "x", "c")}
        """;

    [Theory]
    [InlineData(500, "a")]
    [InlineData(50, "b")]
    [InlineData(5, "c")]
    public void Exclusive_TakesFirstTrueConditionElseDefault(double amount, string expectedEnd)
    {
        var h = Harness.For(Process(Choice));
        var instance = h.Start(variables: new { amount });
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(expectedEnd, h.Trace[^1]);
        Assert.Single(h.Trace, id => id is "a" or "b" or "c");
    }

    [Fact]
    public void Exclusive_RaisesIncident_WhenNoConditionMatchesAndNoDefault()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="x" />
            <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f0", "s", "x")}{Flow("toA", "x", "a", "v === 1")}{Flow("toB", "x", "b", "v === 2")}
            """));
        var instance = h.Start(variables: new { v = 3 });
        Assert.Equal(InstanceStatus.Running, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("x", incident.ElementId);
        Assert.Equal("no-matching-flow", incident.Code);
        Assert.Equal(TokenState.Incident, Assert.Single(instance.Tokens).State);
    }

    [Fact]
    public void Exclusive_RaisesIncident_WhenConditionFails()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="x" default="d" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f0", "s", "x")}{Flow("toA", "x", "a", "incident.nature === 'x'")}{Flow("d", "x", "b")}
            """));
        var instance = h.Start();
        Assert.Equal("expression-failed", Assert.Single(instance.Incidents).Code);
    }

    private static readonly string ForkJoin = $"""
        <bpmn:startEvent id="s" />
        <bpmn:parallelGateway id="fork" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:parallelGateway id="join" />
        <bpmn:endEvent id="e" />
        {Flow("f0", "s", "fork")}{Flow("f1", "fork", "A")}{Flow("f2", "fork", "B")}
        {Flow("f3", "A", "join")}{Flow("f4", "B", "join")}{Flow("f5", "join", "e")}
        """;

    [Fact]
    public void Parallel_ForksAndJoinsOnce_WhenBothBranchesArrive()
    {
        var h = Harness.For(Process(ForkJoin));
        var instance = h.Start();
        Assert.Equal(["A", "B"], Harness.OpenTasks(instance));
        h.Complete(instance, "B");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Equal(TokenState.AtJoin, instance.Tokens.Single(t => t.State != TokenState.Waiting).State);
        h.Complete(instance, "A");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tokens);
        Assert.Single(h.Trace, id => id == "e");
    }

    [Fact]
    public void Parallel_JoinFiresOncePerRound_AfterLoopBackInOneBranch()
    {
        // A is repeated through a loop before its branch reaches the join; the join must still fire exactly once.
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:parallelGateway id="fork" /><bpmn:userTask id="A" /><bpmn:exclusiveGateway id="again" default="out" />
            <bpmn:userTask id="B" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "fork")}{Flow("f1", "fork", "A")}{Flow("f2", "fork", "B")}
            {Flow("f3", "A", "again")}{Flow("back", "again", "A", "outcome === 'redo'")}{Flow("out", "again", "join")}
            {Flow("f4", "B", "join")}{Flow("f5", "join", "e")}
            """));
        var instance = h.Start();
        h.Complete(instance, "A", "redo");
        h.Complete(instance, "A", "done");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        h.Complete(instance, "B");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, h.Trace.Count(id => id == "e"));
    }

    [Fact]
    public void Parallel_JoinsAgain_WhenTheWholeForkIsLoopedBack()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="merge" />
            <bpmn:parallelGateway id="fork" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:parallelGateway id="join" />
            <bpmn:userTask id="Review" /><bpmn:exclusiveGateway id="ok" default="done" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "merge")}{Flow("fm", "merge", "fork")}{Flow("f1", "fork", "A")}{Flow("f2", "fork", "B")}
            {Flow("f3", "A", "join")}{Flow("f4", "B", "join")}{Flow("f5", "join", "Review")}{Flow("f6", "Review", "ok")}
            {Flow("loop", "ok", "merge", "outcome === 'return'")}{Flow("done", "ok", "e")}
            """));
        var instance = h.Start();
        h.Complete(instance, "A");
        h.Complete(instance, "B");
        h.Complete(instance, "Review", "return");
        Assert.Equal(["A", "B"], Harness.OpenTasks(instance));
        h.Complete(instance, "B");
        h.Complete(instance, "A");
        h.Complete(instance, "Review", "accept");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(2, h.Trace.Count(id => id == "Review"));
    }

    private static readonly string InclusiveFlow = $"""
        <bpmn:startEvent id="s" />
        <bpmn:inclusiveGateway id="split" default="none" />
        <bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:userTask id="C" /><bpmn:userTask id="N" />
        <bpmn:inclusiveGateway id="join" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "split")}
        {Flow("toA", "split", "A", "a")}{Flow("toB", "split", "B", "b")}{Flow("toC", "split", "C", "c")}{Flow("none", "split", "N")}
        {Flow("fa", "A", "join")}{Flow("fb", "B", "join")}{Flow("fc", "C", "join")}{Flow("fn", "N", "join")}{Flow("fe", "join", "e")}
        """;

    [Fact]
    public void Inclusive_TakesEveryTrueBranch_AndJoinWaitsOnlyForThem()
    {
        var h = Harness.For(Process(InclusiveFlow));
        var instance = h.Start(variables: new { a = true, b = false, c = true });
        Assert.Equal(["A", "C"], Harness.OpenTasks(instance));
        h.Complete(instance, "A");
        Assert.Equal(InstanceStatus.Running, instance.Status);
        h.Complete(instance, "C");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, h.Trace.Count(id => id == "e"));
    }

    [Fact]
    public void Inclusive_TakesDefault_WhenNoConditionHolds()
    {
        var h = Harness.For(Process(InclusiveFlow));
        var instance = h.Start(variables: new { a = false });
        Assert.Equal(["N"], Harness.OpenTasks(instance));
        h.Complete(instance, "N");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void Inclusive_JoinFiresImmediately_WhenOnlyOneBranchWasTaken()
    {
        var h = Harness.For(Process(InclusiveFlow));
        var instance = h.Start(variables: new { b = true });
        h.Complete(instance, "B");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void ActivityWithConditionalFlows_TakesEachTrueFlow()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:task id="t" default="d" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" /><bpmn:endEvent id="e3" />
            {Flow("f0", "s", "t")}{Flow("ta", "t", "A", "x > 1")}{Flow("tb", "t", "B", "x > 2")}{Flow("d", "t", "e3")}
            {Flow("fa", "A", "e1")}{Flow("fb", "B", "e2")}
            """));
        var instance = h.Start(variables: new { x = 5 });
        Assert.Equal(["A", "B"], Harness.OpenTasks(instance));
    }
}
