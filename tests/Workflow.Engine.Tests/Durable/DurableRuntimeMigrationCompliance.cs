using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public abstract class DurableRuntimeMigrationCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly string V1 = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A" />
        <bpmn:boundaryEvent id="T" attachedToRef="A">{Timer("PT1H")}</bpmn:boundaryEvent>
        <bpmn:endEvent id="e" /><bpmn:endEvent id="late" />
        {Flow("f0", "s", "A")}{Flow("f1", "A", "e")}{Flow("f2", "T", "late")}
        """);

    /// <summary>V1 with the task and its timer renamed, and a new step after the task.</summary>
    private static readonly string V2 = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A2" />
        <bpmn:boundaryEvent id="T2" attachedToRef="A2">{Timer("PT1H")}</bpmn:boundaryEvent>
        <bpmn:userTask id="B" /><bpmn:endEvent id="e" /><bpmn:endEvent id="late2" />
        {Flow("f0", "s", "A2")}{Flow("f1", "A2", "B")}{Flow("f3", "B", "e")}{Flow("f2", "T2", "late2")}
        """);

    private static readonly string Fork = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:parallelGateway id="split" /><bpmn:userTask id="A" /><bpmn:userTask id="C" />
        <bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "split")}{Flow("fa", "split", "A")}{Flow("fc", "split", "C")}{Flow("fa2", "A", "join")}{Flow("fc2", "C", "join")}{Flow("f9", "join", "e")}
        """);

    /// <summary>The fork with the flow from A renamed and moved last, so that every flow index after it changes.</summary>
    private static readonly string ForkRenamed = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:parallelGateway id="split" /><bpmn:userTask id="A" /><bpmn:userTask id="C" />
        <bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "split")}{Flow("fa", "split", "A")}{Flow("fc", "split", "C")}{Flow("fc2", "C", "join")}{Flow("f9", "join", "e")}{Flow("fromA", "A", "join")}
        """);

    [Fact]
    public async Task MigrateAsync_MovesTaskAndTimerToTheMappedElements_WhenMappingIsGiven()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var v2 = (await H.DeployAsync(V2))[0].Definition;

        var migrated = await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["A"] = "A2", ["T"] = "T2" }, Actors.Admin, Ct);

        Assert.True(migrated.Succeeded, migrated.Error?.Message);
        var stored = (await H.LoadAsync(instance.Id)).Instance;
        Assert.Equal(2, stored.Version);
        Assert.Equal(("A2", v2.FindNode("A2")!.Index), (stored.Tasks[0].ElementId, stored.Tasks[0].Node));
        Assert.Equal(v2.FindNode("A2")!.Index, stored.Tokens[0].Node);
        Assert.Equal(v2.FindNode("T2")!.Index, stored.Timers[0].Node);
        var line = (await H.HistoryAsync(instance.Id))[^1];
        Assert.Equal(("migrated", "admin"), (line.Kind, line.Actor));
        // From now on the instance follows version 2: completing the task leads to the new step.
        var after = await H.CompleteAsync(runtime, instance.Id, "A2");
        Assert.Equal("B", Assert.Single(after.Tasks).ElementId);
    }

    [Fact]
    public async Task MigrateAsync_FiresTheMovedTimerOnTheNewVersion()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(V2);
        Assert.True((await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["A"] = "A2", ["T"] = "T2" }, Actors.Admin, Ct)).Succeeded);
        H.Clock.Now += TimeSpan.FromHours(1);

        Assert.Equal(1, await H.Executor(runtime).RunOnceAsync(10, Ct));

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
        var history = await H.HistoryAsync(instance.Id);
        Assert.Equal("timer-fired T2", Kinds(history)[^2]);
        Assert.Contains("\"late2\"", history[^1].Data, StringComparison.Ordinal); // entered before the end, listed in the "ended" line
    }

    [Fact]
    public async Task MigrateAsync_KeepsElementsWithTheSameId_WhenNoMappingIsGiven()
    {
        await H.DeployAsync(Fork);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(Fork.Replace("<bpmn:endEvent id=\"e\" />", "<bpmn:endEvent id=\"e\" name=\"done\" />", StringComparison.Ordinal));

        var migrated = await runtime.MigrateAsync(instance.Id, 2, null, Actors.Admin, Ct);

        Assert.Equal(2, migrated.Value.Version);
    }

    [Fact]
    public async Task MigrateAsync_RefusesListingEveryUnmappedElement_AndChangesNothing()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(V2);

        var refused = await runtime.MigrateAsync(instance.Id, 2, null, Actors.Admin, Ct);

        Assert.Equal(DurableErrors.MigrationInvalid, refused.Error?.Code);
        Assert.Contains("'A' (a token waits here) is not in version 2", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("'T' (armed timer) is not in version 2", refused.Error.Message, StringComparison.Ordinal);
        var stored = await H.LoadAsync(instance.Id);
        Assert.Equal((1, 1), (stored.Revision, stored.Instance.Version));
        Assert.DoesNotContain(await H.HistoryAsync(instance.Id), l => l.Kind == "migrated");
    }

    [Fact]
    public async Task MigrateAsync_Refuses_WhenMappingPointsNowhereOrToAnotherKindOrNamesUnknownElements()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(V2);

        var refused = await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["A"] = "nope", ["T"] = "late2", ["Typo"] = "B" }, Actors.Admin, Ct);

        var message = refused.Error!.Message;
        Assert.Contains("'A' (a token waits here) is mapped to 'nope', which version 2 does not have", message, StringComparison.Ordinal);
        Assert.Contains("'T' (armed timer) is a Timer BoundaryEvent, but 'late2' in version 2 is a EndEvent", message, StringComparison.Ordinal);
        Assert.Contains("the mapping names 'Typo'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_Refuses_WhenABoundaryTimerWouldHangOnAnotherActivity()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(V2);

        var refused = await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["A"] = "B", ["T"] = "T2" }, Actors.Admin, Ct);

        Assert.Contains("'T' is attached to 'A', but 'T2' in version 2 is not attached to 'B'", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_MapsTheFlowATokenWaitingAtAJoinArrivedBy()
    {
        await H.DeployAsync(Fork);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.CompleteAsync(runtime, instance.Id, "A"); // one token now waits at the join, having come by fa2
        await H.DeployAsync(ForkRenamed);

        var refused = await runtime.MigrateAsync(instance.Id, 2, null, Actors.Admin, Ct);
        Assert.Contains("a token waits at join 'join' having arrived by 'fa2'", refused.Error!.Message, StringComparison.Ordinal);
        Assert.True((await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["fa2"] = "fromA" }, Actors.Admin, Ct)).Succeeded);

        var done = await H.CompleteAsync(runtime, instance.Id, "C"); // the join must recognise the migrated token
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Fact]
    public async Task MigrateAsync_Refuses_WhenAWaitingTaskWouldLeaveItsSubprocess()
    {
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:userTask id="A" /><bpmn:endEvent id="se" />{Flow("g0", "ss", "A")}{Flow("g1", "A", "se")}</bpmn:subProcess>
            <bpmn:endEvent id="e" />{Flow("f0", "s", "sub")}{Flow("f1", "sub", "e")}
            """));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        await H.DeployAsync(Wrap($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:endEvent id="se" />{Flow("g0", "ss", "se")}</bpmn:subProcess>
            <bpmn:userTask id="A" /><bpmn:endEvent id="e" />{Flow("f0", "s", "sub")}{Flow("f1", "sub", "A")}{Flow("f2", "A", "e")}
            """));

        var refused = await runtime.MigrateAsync(instance.Id, 2, null, Actors.Admin, Ct);

        Assert.Contains("'A' would not be inside 'sub' in version 2", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_ReturnsErrors_ForUnknownVersionAndEndedInstance()
    {
        await H.DeployAsync(V1);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);

        Assert.Equal(DurableErrors.ProcessNotFound, (await runtime.MigrateAsync(instance.Id, 9, null, Actors.Admin, Ct)).Error?.Code);
        await runtime.CancelAsync(instance.Id, Actors.Admin, Ct);
        Assert.Equal(EngineErrors.NotRunning, (await runtime.MigrateAsync(instance.Id, 1, null, Actors.Admin, Ct)).Error?.Code);
        Assert.Equal(DurableErrors.InstanceNotFound, (await runtime.MigrateAsync(Guid.NewGuid(), 1, null, Actors.Admin, Ct)).Error?.Code);
    }
}
