using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class CompletionTests
{
    private static readonly string Review = $"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="review" wf:roles="unit-head" wf:reasonCodes="late">
          <bpmn:extensionElements>
            <wf:outcome id="approve" label="批准" labelEn="Approve" />
            <wf:outcome id="return" label="退回" labelEn="Return" requiresReason="true" reasonCodes="evidence procedure" />
            <wf:field id="opinion" type="text" required="true" label="意见" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:exclusiveGateway id="x" default="ok" /><bpmn:userTask id="redo" /><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "review")}{Flow("f1", "review", "x")}{Flow("ok", "x", "e")}{Flow("back", "x", "redo", "outcome === 'return'")}{Flow("f2", "redo", "e2")}
        """;

    [Theory]
    [InlineData(null, null, null, "x", EngineErrors.OutcomeRequired)]
    [InlineData("maybe", null, null, "x", EngineErrors.OutcomeUnknown)]
    [InlineData("return", "evidence", "  ", "x", EngineErrors.ReasonRequired)]
    [InlineData("return", null, "witness missing", "x", EngineErrors.ReasonCodeRequired)]
    [InlineData("return", " ", "witness missing", "x", EngineErrors.ReasonCodeRequired)]
    [InlineData("return", "other", "witness missing", "x", EngineErrors.ReasonCodeUnknown)]
    [InlineData("return", "late", "witness missing", "x", EngineErrors.ReasonCodeUnknown)] // the outcome's own codes replace the task's
    [InlineData("approve", "other", null, "x", EngineErrors.ReasonCodeUnknown)]
    [InlineData("approve", null, null, null, EngineErrors.FieldRequired)]
    public void Complete_IsRefusedAndChangesNothing_WhenCompletionIsInvalid(string? outcome, string? reasonCode, string? reason, string? opinion, string code)
    {
        var h = Harness.For(Process(Review));
        var instance = h.Start();
        var before = InstanceStateSerializer.Serialize(instance);
        var data = opinion is null ? null : new Dictionary<string, object?> { ["opinion"] = opinion };
        var completion = new TaskCompletion { Outcome = outcome, ReasonCode = reasonCode, Reason = reason, Data = data };
        var result = h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, completion);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(before, InstanceStateSerializer.Serialize(instance));
    }

    [Fact]
    public void Complete_AcceptsACodeFromTheTaskList_WhenTheOutcomeDeclaresNone()
    {
        var h = Harness.For(Process(Review));
        var instance = h.Start();
        h.Complete(instance, "review", "approve", new { opinion = "同意" }, reasonCode: "late");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void Complete_StoresOutcomeAndFields_AndRoutesOnOutcome()
    {
        var h = Harness.For(Process(Review));
        var instance = h.Start();
        h.Complete(instance, "review", "return", new { opinion = "证据不足" }, reason: "missing witness", reasonCode: "evidence");
        Assert.Equal("return", instance.Variables["outcome"]);
        Assert.Equal("证据不足", instance.Variables["opinion"]);
        Assert.Equal(["redo"], Harness.OpenTasks(instance));
    }

    [Fact]
    public void Complete_IsRefused_WhenTaskIsUnknownOrInstanceEnded()
    {
        var h = Harness.For(Process(Review));
        var instance = h.Start();
        Assert.Equal(EngineErrors.TaskNotFound, h.Runtime.CompleteTask(instance, Guid.NewGuid(), TaskCompletion.Empty).Error!.Code);
        var taskId = instance.Tasks[0].Id;
        h.Runtime.Cancel(instance);
        Assert.Equal(InstanceStatus.Cancelled, instance.Status);
        Assert.Equal(EngineErrors.NotRunning, h.Runtime.CompleteTask(instance, taskId, TaskCompletion.Empty).Error!.Code);
    }

    [Fact]
    public void Complete_IsRefused_WhenDataIsNotJsonShaped()
    {
        var h = Harness.For(Process(Review));
        var instance = h.Start();
        var result = h.Runtime.CompleteTask(instance, instance.Tasks[0].Id, new TaskCompletion
        {
            Outcome = "approve",
            Data = new Dictionary<string, object?> { ["opinion"] = new object() },
        });
        Assert.Equal(EngineErrors.InvalidValue, result.Error!.Code);
        Assert.Single(instance.Tasks);
    }

    [Fact]
    public void State_SerializesCompactly_AndResumesAfterRoundTrip()
    {
        var definition = Process(Review);
        var h = Harness.For(definition);
        var instance = h.Start(variables: new { nested = new Dictionary<string, object?> { ["a"] = 1, ["list"] = new List<object?> { "x", true } } });
        var bytes = InstanceStateSerializer.Serialize(instance);
        Assert.True(bytes.Length < 1024, $"state is {bytes.Length} bytes");
        var copy = InstanceStateSerializer.Deserialize(bytes);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(InstanceStateSerializer.Serialize(copy)));
        var engine = new WorkflowEngine(new EngineOptions { Clock = h.Clock });
        var result = engine.CompleteTask(definition, copy, copy.Tasks[0].Id, new TaskCompletion
        {
            Outcome = "approve",
            Data = new Dictionary<string, object?> { ["opinion"] = "ok" },
        });
        Assert.True(result.Succeeded);
        Assert.Equal(InstanceStatus.Completed, copy.Status);
        Assert.Equal(1d, ((IReadOnlyDictionary<string, object?>)copy.Variables["nested"]!)["a"]);
    }

    [Fact]
    public void Bug_JoinArrivalOnTheFirstFlow_SurvivesASerializationRoundTrip()
    {
        // Flow index 0 leads into the join: an omitted default 0 used to come back as -1 and the join never fired.
        var definition = Process($"""
            {Flow("a2j", "A", "join")}{Flow("f0", "s", "fork")}{Flow("f1", "fork", "A")}{Flow("f2", "fork", "B")}{Flow("b2j", "B", "join")}{Flow("f5", "join", "e")}
            <bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
            """);
        var h = Harness.For(definition);
        var instance = h.Start();
        h.Complete(instance, "A");
        var copy = InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(instance));
        var engine = new WorkflowEngine(new EngineOptions { Clock = h.Clock });
        Assert.True(engine.CompleteTask(definition, copy, copy.Tasks.Single(t => t.ElementId == "B").Id, TaskCompletion.Empty).Succeeded);
        Assert.Equal(InstanceStatus.Completed, copy.Status);
    }

    [Fact]
    public void Claim_GivesTheTaskOneOwner_UntilUnclaimed()
    {
        var definition = Process(Review);
        var h = Harness.For(definition);
        var instance = h.Start();
        var engine = h.Runtime.Engine;
        var taskId = instance.Tasks[0].Id;
        Assert.True(engine.ClaimTask(definition, instance, taskId, "li.wei").Succeeded);
        Assert.Equal("li.wei", instance.Tasks[0].Assignee);
        Assert.Equal(EngineErrors.TaskClaimed, engine.ClaimTask(definition, instance, taskId, "wang.fang").Error!.Code);
        Assert.True(engine.UnclaimTask(definition, instance, taskId).Succeeded);
        Assert.Equal(EngineErrors.TaskNotClaimed, engine.UnclaimTask(definition, instance, taskId).Error!.Code);
        Assert.True(engine.ClaimTask(definition, instance, taskId, "wang.fang").Succeeded);
    }

    [Fact]
    public void Task_IsDueAtItsSlaBreach()
    {
        var h = Harness.For(Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="ack"><bpmn:extensionElements><wf:sla warn="PT60S" breach="PT10M" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e" />{Flow("f0", "s", "ack")}{Flow("f1", "ack", "e")}
            """));
        var instance = h.Start();
        Assert.Equal(h.Clock.Now.AddMinutes(10), instance.Tasks[0].DueAt);
    }
}
