using System.Text.Json;
using Workflow.Engine.Activities;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public abstract class DurableRuntimeCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly string V1 = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "A")}{Flow("f1", "A", "e")}
        """);

    private static readonly string V2 = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "A")}{Flow("f1", "A", "B")}{Flow("f2", "B", "e")}
        """);

    [Fact]
    public async Task StartAsync_SavesInstanceAndHistory_WhenProcessIsDeployed()
    {
        await H.DeployAsync(V1);
        var instance = await StartAsync(H.Runtime(), businessKey: "J-1", variables: new() { ["channel"] = "110" });

        var stored = await H.LoadAsync(instance.Id);
        Assert.Equal(1, stored.Revision);
        Assert.Equal("J-1", stored.Instance.BusinessKey);
        Assert.Equal("110", stored.Instance.Variables["channel"]);
        var history = await H.HistoryAsync(instance.Id);
        // The token's way to the user task is recorded once, by the task it created: no "entered s" or "entered A" lines;
        // the start event it entered first is in the line's "entered" list.
        Assert.Equal(["started", "task-created A"], Kinds(history));
        Assert.Equal(["s"], JsonDocument.Parse(history[1].Data!).RootElement.GetProperty("entered").EnumerateArray().Select(e => e.GetString()));
        Assert.All(history, h => Assert.Equal("tester", h.Actor));
    }

    [Fact]
    public async Task CompleteAsync_ListsTheElementsEnteredBeforeALine_InThatLine()
    {
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="A" /><bpmn:exclusiveGateway id="x" /><bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="B" /><bpmn:userTask id="C" /><bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
            {Flow("f0", "s", "A")}{Flow("f1", "A", "x")}{Flow("f2", "x", "fork")}{Flow("f3", "fork", "B")}{Flow("f4", "fork", "C")}
            {Flow("f5", "B", "e1")}{Flow("f6", "C", "e2")}
            """));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var before = (await H.HistoryAsync(instance.Id)).Count;

        await H.CompleteAsync(runtime, instance.Id, "A");

        var lines = (await H.HistoryAsync(instance.Id)).Skip(before).ToList();
        Assert.Equal(["claimed A", "task-completed A", "task-created B", "task-created C"], Kinds(lines));
        Assert.Equal(["x", "fork"], Entered(lines[2]));
        Assert.Empty(Entered(lines[3])); // each element once, in the order entered
        await H.CompleteAsync(runtime, instance.Id, "B");
        // An "entered" line that no line of its instance follows in its command stays a line of its own.
        Assert.Equal(["claimed B", "task-completed B", "entered e1"], Kinds((await H.HistoryAsync(instance.Id)).Skip(before + lines.Count)));
        await H.CompleteAsync(runtime, instance.Id, "C");
        var end = (await H.HistoryAsync(instance.Id))[^1];
        Assert.Equal("ended", end.Kind);
        Assert.Equal(["e2"], Entered(end)); // this command's end event; e1's line was written in its own command
    }

    private static IEnumerable<string?> Entered(Workflow.Engine.Storage.HistoryEntry line) =>
        JsonDocument.Parse(line.Data!).RootElement.TryGetProperty("entered", out var entered) ? entered.EnumerateArray().Select(e => e.GetString()).ToList() : [];

    [Fact]
    public async Task RunningInstance_StaysOnV1_WhenV2IsDeployed()
    {
        var runtime = H.Runtime();
        await H.DeployAsync(V1);
        var old = await StartAsync(runtime);
        await H.DeployAsync(V2);
        var fresh = await StartAsync(runtime);
        var pinned = await StartAsync(runtime, version: 1);

        Assert.Equal(2, (await H.Definitions.ListVersionsAsync("p", Ct)).Count);
        Assert.Equal([1, 2, 1], new[] { old.Version, fresh.Version, pinned.Version });
        Assert.Equal(InstanceStatus.Completed, (await H.CompleteAsync(runtime, old.Id, "A")).Status); // v1: A → end
        var moved = await H.CompleteAsync(runtime, fresh.Id, "A");                                  // v2: A → B
        Assert.Equal("B", Assert.Single(moved.Tasks).ElementId);
    }

    [Theory]
    [InlineData("nope", null)]
    [InlineData("p", 7)]
    public async Task StartAsync_ReturnsProcessNotFound_WhenProcessOrVersionIsUnknown(string processId, int? version)
    {
        await H.DeployAsync(V1);
        var result = await H.Runtime().StartAsync(processId, Actors.Tester, version, cancellationToken: Ct);
        Assert.False(result.Succeeded);
        Assert.Equal(DurableErrors.ProcessNotFound, result.Error.Code);
    }

    [Fact]
    public async Task StartAsync_SavesNothing_WhenVariablesAreInvalid()
    {
        await H.DeployAsync(V1);
        var result = await H.Runtime().StartAsync("p", Actors.Tester, variables: new Dictionary<string, object?> { ["bad"] = new object() }, cancellationToken: Ct);
        Assert.Equal(EngineErrors.InvalidValue, result.Error?.Code);
        Assert.Empty(await H.Store.FindDueTimersAsync(DateTimeOffset.MaxValue, 10, Ct));
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public async Task CompleteAsync_ReturnsTaskNotFound_WhenTaskIsUnknownOrDone()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var taskId = instance.Tasks[0].Id;
        var u1 = Actors.Person("u1");
        await H.CompleteAsync(runtime, instance.Id, "A", actor: u1);

        Assert.Equal(EngineErrors.TaskNotFound, (await runtime.CompleteAsync(taskId, TaskCompletion.Empty, u1, Ct)).Error?.Code);
        Assert.Equal(EngineErrors.TaskNotFound, (await runtime.CompleteAsync(Guid.NewGuid(), TaskCompletion.Empty, u1, Ct)).Error?.Code);
    }

    [Fact]
    public async Task ClaimAsync_RecordsAssignee_AndRefusesASecondPerson()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var taskId = (await StartAsync(runtime)).Tasks[0].Id;

        var u1 = Actors.Person("u1");
        Assert.Equal("u1", (await runtime.ClaimAsync(taskId, u1, Ct)).Value.Tasks[0].Assignee);
        Assert.Equal(EngineErrors.TaskClaimed, (await runtime.ClaimAsync(taskId, Actors.Person("u2"), Ct)).Error?.Code);
        Assert.Null((await runtime.UnclaimAsync(taskId, u1, Ct)).Value.Tasks[0].Assignee);
        Assert.Equal(EngineErrors.TaskNotClaimed, (await runtime.UnclaimAsync(taskId, u1, Ct)).Error?.Code);

        var stored = await H.LoadAsync((await H.Store.FindByTaskAsync(taskId, Ct))!.Value);
        Assert.Null(stored.Instance.Tasks[0].Assignee);
        Assert.Equal(3, stored.Revision);
        var lines = (await H.HistoryAsync(stored.Instance.Id)).Where(l => l.Kind is "claimed" or "unclaimed").ToList();
        Assert.Equal([("claimed", "u1"), ("unclaimed", "u1")], lines.Select(l => (l.Kind, l.Actor!)));
        Assert.All(lines, l => Assert.Equal("A", l.ElementId));
    }

    [Fact]
    public async Task CompleteAsync_RecordsActorOutcomeAndReason_InTaskCompletedLine()
    {
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="A"><bpmn:extensionElements><wf:outcomes><wf:outcome id="ok" /></wf:outcomes></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e" />{Flow("f0", "s", "A")}{Flow("f1", "A", "e")}
            """));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var completion = new TaskCompletion { Outcome = "ok", Reason = "报警人已离开" };
        await H.CompleteAsync(runtime, instance.Id, "A", actor: Actors.Person("officer-7"), completion: completion);

        var done = Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "task-completed");
        Assert.Equal("officer-7", done.Actor);
        Assert.Contains("\"outcome\":\"ok\"", done.Data, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"报警人已离开\"", done.Data, StringComparison.Ordinal); // readable, not \u-escaped
        Assert.Equal("ended", (await H.HistoryAsync(instance.Id))[^1].Kind);
    }

    [Fact]
    public async Task RetryIncidentAsync_RunsTheStepAgain_WhenTheCauseIsGone()
    {
        var flaky = new FlakyActivity();
        H.Activities.Register(flaky);
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:serviceTask id="call" wf:type="flaky" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "call")}{Flow("f1", "call", "e")}
            """));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("activity-failed", incident.Code);
        Assert.Contains("incident call", Kinds(await H.HistoryAsync(instance.Id)));

        Assert.Equal(EngineErrors.IncidentNotFound, (await runtime.RetryIncidentAsync(instance.Id, Guid.NewGuid(), Actors.Admin, Ct)).Error?.Code);
        flaky.Fail = false;
        var retried = await runtime.RetryIncidentAsync(instance.Id, incident.Id, Actors.Admin, Ct);

        Assert.Equal(InstanceStatus.Completed, retried.Value.Status);
        Assert.Empty((await H.LoadAsync(instance.Id)).Instance.Incidents);
        var tail = (await H.HistoryAsync(instance.Id)).SkipWhile(l => l.Kind != "incident-retried").ToList();
        Assert.Equal(["incident-retried call", "ended"], Kinds(tail));
        Assert.Equal(["call", "e"], Entered(tail[1])); // the retried service task ran, then the end event ended the instance
        Assert.All(tail, l => Assert.Equal("admin", l.Actor));
    }

    [Fact]
    public async Task GetAsync_ReturnsStateAndHistory_OrInstanceNotFound()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);

        var view = (await runtime.GetAsync(instance.Id, Ct)).Value;
        Assert.Equal(1, view.Revision);
        Assert.Equal("A", view.Instance.Tasks[0].ElementId);
        Assert.Equal("started", view.History[0].Kind);
        Assert.Equal(DurableErrors.InstanceNotFound, (await runtime.GetAsync(Guid.NewGuid(), Ct)).Error?.Code);
        Assert.Equal(DurableErrors.InstanceNotFound, (await runtime.CancelAsync(Guid.NewGuid(), Actors.Admin, Ct)).Error?.Code);
    }

    [Fact]
    public async Task CancelAsync_CancelsTheCalledInstanceToo_InOneSave()
    {
        await H.DeployAsync(CallFlows.Child);
        await H.DeployAsync(CallFlows.Parent);
        var runtime = H.Runtime();
        var parent = await StartAsync(runtime);
        var childId = parent.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;

        var cancelled = await runtime.CancelAsync(parent.Id, Actors.Admin, Ct);

        Assert.Equal(InstanceStatus.Cancelled, cancelled.Value.Status);
        var child = await H.LoadAsync(childId);
        Assert.Equal(InstanceStatus.Cancelled, child.Instance.Status);
        Assert.Equal(2, child.Revision);
        Assert.Equal(["cancelled", "ended"], Kinds((await H.HistoryAsync(childId)).TakeLast(2)));
        Assert.Equal(EngineErrors.NotRunning, (await runtime.CancelAsync(parent.Id, Actors.Admin, Ct)).Error?.Code);
    }

    [Fact]
    public async Task StartAsync_RecordsTheCalledInstance_OnTheCallersStream()
    {
        await H.DeployAsync(CallFlows.Child);
        await H.DeployAsync(CallFlows.Parent);

        var parent = await StartAsync(H.Runtime());

        var childId = parent.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;
        var history = await H.HistoryAsync(parent.Id);
        // The start event entered first is listed in the "called" line, which records the token's arrival at the call activity.
        Assert.Equal(["started", "called call"], Kinds(history));
        var called = history[^1];
        Assert.Equal(["s"], Entered(called));
        using var data = JsonDocument.Parse(called.Data!);
        Assert.Equal((childId.ToString(), "child", 1),
            (data.RootElement.GetProperty("calledInstanceId").GetString(), data.RootElement.GetProperty("processId").GetString(),
             data.RootElement.GetProperty("version").GetInt32()));
        Assert.Equal("tester", called.Actor);
        Assert.Equal("started", (await H.HistoryAsync(childId))[0].Kind);
    }

    [Fact]
    public async Task StartAsync_RecordsNoCall_WhenTheCalledProcessIsNotDeployed()
    {
        await H.DeployAsync(CallFlows.Parent);

        var parent = await StartAsync(H.Runtime());

        Assert.Contains("not deployed", Assert.Single(parent.Incidents).Message, StringComparison.Ordinal);
        var history = await H.HistoryAsync(parent.Id);
        Assert.DoesNotContain(history, l => l.Kind == "called");
        Assert.Contains("entered call", Kinds(history)); // no "called" line took them: each element keeps its own line
    }

    [Fact]
    public async Task StartAsync_StopsEndlessCallChain_AtMaxCallDepth()
    {
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:callActivity id="again" calledElement="p" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "again")}{Flow("f1", "again", "e")}
            """));
        var recording = new RecordingInstanceStore(H.Store);
        var root = await StartAsync(H.Runtime(recording, maxCallDepth: 3));

        // Three nested calls start; the fourth is refused, and the failure travels back up to the root, all in one save.
        Assert.Contains("call depth 3", Assert.Single(root.Incidents).Message, StringComparison.Ordinal);
        var saved = Assert.Single(recording.Saves);
        Assert.Equal(4, saved.Count);
        Assert.All(saved, c => Assert.Equal(0, c.ExpectedRevision));
        Assert.Equal(3, saved.Count(c => c.Instance.Status == InstanceStatus.Failed));
        foreach (var change in saved)
        {
            Assert.Equal("started", (await H.HistoryAsync(change.Instance.Id))[0].Kind);
        }
    }

    private sealed class FlakyActivity : IServiceActivity
    {
        public bool Fail { get; set; } = true;

        public string Type => "flaky";

        public ActivityResult Execute(ActivityContext context) => Fail ? ActivityResult.Failure("the registry did not answer") : ActivityResult.Completed();
    }
}
