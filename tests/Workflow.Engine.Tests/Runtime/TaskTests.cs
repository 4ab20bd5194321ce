using Workflow.Engine.Activities;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class TaskTests
{
    private static string Loop(string characteristics) => $"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="review">{characteristics}</bpmn:userTask>
        <bpmn:endEvent id="e" />
        {Flow("f0", "s", "review")}{Flow("f1", "review", "e")}
        """;

    [Fact]
    public void PassThroughElements_RunWithoutWaiting()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:task id="t" /><bpmn:manualTask id="m" /><bpmn:intermediateThrowEvent id="milestone" />
            <bpmn:serviceTask id="abstract" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "t")}{Flow("f1", "t", "m")}{Flow("f2", "m", "milestone")}{Flow("f3", "milestone", "abstract")}{Flow("f4", "abstract", "e")}
            """));
        var instance = h.Start();
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["s", "t", "m", "milestone", "abstract", "e"], h.Trace);
    }

    [Fact]
    public void MultiInstance_Parallel_CreatesOneTaskPerInstance()
    {
        var h = Harness.For(Process(Loop("""<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>""")));
        var instance = h.Start();
        Assert.Equal([0, 1, 2], instance.Tasks.Select(t => t.LoopCounter).Order().ToArray());
        foreach (var task in instance.Tasks.ToList())
        {
            Assert.Equal(InstanceStatus.Running, instance.Status);
            Assert.True(h.Runtime.CompleteTask(instance, task.Id, TaskCompletion.Empty).Succeeded);
        }
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, h.Trace.Count(id => id == "e"));
    }

    [Fact]
    public void MultiInstance_Sequential_OverCollection_OneAtATimeWithElementVariable()
    {
        var h = Harness.For(Process(Loop("""<bpmn:multiInstanceLoopCharacteristics isSequential="true" wf:collection="officers" wf:elementVariable="officer" />""")));
        var instance = h.Start(variables: new Dictionary<string, object?> { ["officers"] = new List<object?> { "li", "wang" } });
        Assert.Equal("li", Assert.Single(instance.Tasks).Local!["officer"]);
        h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, TaskCompletion.Empty);
        Assert.Equal("wang", Assert.Single(instance.Tasks).Local!["officer"]);
        h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, TaskCompletion.Empty);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void MultiInstance_CompletionCondition_EndsEarlyAndCancelsTheRest()
    {
        var h = Harness.For(Process(Loop("""
            <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality>
            <bpmn:completionCondition>nrOfCompletedInstances >= 2</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>
            """)));
        var instance = h.Start();
        h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, TaskCompletion.Empty);
        h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, TaskCompletion.Empty);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tasks);
    }

    [Fact]
    public void ScriptTask_SetsVariablesThroughSandboxedJavaScript()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:scriptTask id="calc" scriptFormat="javascript" wf:resultVariable="total"><bpmn:script>setVariable('doubled', amount * 2); amount + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="e" />
            {Flow("f0", "s", "calc")}{Flow("f1", "calc", "e")}
            """));
        var instance = h.Start(variables: new { amount = 20 });
        Assert.Equal(40d, instance.Variables["doubled"]);
        Assert.Equal(21d, instance.Variables["total"]);
    }

    [Fact]
    public void ScriptTask_RunawayLoop_BecomesAnIncident_NotAHang()
    {
        const string Braces = "{ }";
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:scriptTask id="spin" scriptFormat="javascript"><bpmn:script>while (true) {Braces}</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="e" />
            {Flow("f0", "s", "spin")}{Flow("f1", "spin", "e")}
            """));
        var instance = h.Start();
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("script-failed", incident.Code);
        Assert.Equal("spin", incident.ElementId);
    }

    private sealed class CheckIdentity : IServiceActivity
    {
        public string Type => "check-identity";

        public ActivityResult Execute(ActivityContext context)
        {
            context.Variables.TryGetVariable("idNumber", out var id);
            return id switch
            {
                "bad" => ActivityResult.Error("ID_INVALID", "identity number invalid"),
                "crash" => throw new InvalidOperationException("registry offline"),
                _ => ActivityResult.Completed(new Dictionary<string, object?> { ["verified"] = true }),
            };
        }
    }

    private static readonly string ServiceFlow = $"""
        <bpmn:startEvent id="s" /><bpmn:serviceTask id="verify" wf:type="check-identity" />
        <bpmn:boundaryEvent id="invalid" attachedToRef="verify"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:boundaryEvent>
        <bpmn:endEvent id="ok" /><bpmn:endEvent id="rejected" />
        {Flow("f0", "s", "verify")}{Flow("f1", "verify", "ok")}{Flow("f2", "invalid", "rejected")}
        """;

    [Theory]
    [InlineData("good", "ok")]
    [InlineData("bad", "rejected")]
    public void ServiceTask_RunsRegisteredActivity_AndRoutesBpmnErrorsToTheBoundary(string idNumber, string end)
    {
        var h = Harness.For(Process(ServiceFlow, """<bpmn:error id="Err" errorCode="ID_INVALID" />"""), new ActivityRegistry().Register(new CheckIdentity()));
        var instance = h.Start(variables: new { idNumber });
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(end, h.Trace[^1]);
    }

    [Fact]
    public void ServiceTask_Exception_BecomesAnIncident()
    {
        var h = Harness.For(Process(ServiceFlow, """<bpmn:error id="Err" errorCode="ID_INVALID" />"""), new ActivityRegistry().Register(new CheckIdentity()));
        var instance = h.Start(variables: new { idNumber = "crash" });
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("activity-failed", incident.Code);
        Assert.Contains("registry offline", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceTask_UnregisteredType_IsAnIncident()
    {
        var h = Harness.For(Process(ServiceFlow, """<bpmn:error id="Err" errorCode="ID_INVALID" />"""));
        var instance = h.Start();
        Assert.Equal("activity-not-registered", Assert.Single(instance.Incidents).Code);
    }

    [Fact]
    public void UserTask_EvaluatesUnitExpressionAtCreation()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="ack" wf:roles="duty-officer" wf:unit="unit" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "ack")}{Flow("f1", "ack", "e")}
            """));
        var instance = h.Start(variables: new { unit = "guangshui-chengguan" });
        Assert.Equal("guangshui-chengguan", Assert.Single(instance.Tasks).Unit);
    }
}
