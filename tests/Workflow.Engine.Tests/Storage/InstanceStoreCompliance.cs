using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Storage;

/// <summary>What every <see cref="IInstanceStore"/> must do; subclassed per storage (in memory here, databases later).</summary>
public abstract class InstanceStoreCompliance
{
    private static readonly ProcessDefinition Flow = Process($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="review" />
        <bpmn:boundaryEvent id="late" attachedToRef="review">{Timer("PT1H")}</bpmn:boundaryEvent>
        <bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "review")}{Flow("f1", "review", "e")}{Flow("f2", "late", "e2")}
        """);

    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IInstanceStore> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WorkflowEngine Engine => new(new EngineOptions { Clock = _clock });

    private ProcessInstance StartInstance(string? businessKey = null)
    {
        var instance = Engine.Start(Flow, new StartRequest { BusinessKey = businessKey }, out var result);
        Assert.True(result.Succeeded);
        return instance;
    }

    private static HistoryEntry Line(ProcessInstance i, string kind) => new(i.Id, i.StartedAt, kind, null, "tester", null);

    [Fact]
    public async Task Create_ThenLoad_ReturnsACopyAtRevisionOne()
    {
        var store = await CreateStoreAsync();
        var instance = StartInstance();
        Assert.True((await store.SaveAsync([new InstanceChange(instance, 0)], [Line(instance, "started")], Ct)).Saved);
        var loaded = await store.LoadAsync(instance.Id, Ct);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Revision);
        Assert.NotSame(instance, loaded.Instance);
        Assert.Equal(InstanceStateSerializer.Serialize(instance), InstanceStateSerializer.Serialize(loaded.Instance));
        Assert.Equal("started", Assert.Single(await store.LoadHistoryAsync(instance.Id, Ct)).Kind);
    }

    [Fact]
    public async Task Create_IsAConflict_WhenTheIdExists()
    {
        var store = await CreateStoreAsync();
        var instance = StartInstance();
        await store.SaveAsync([new InstanceChange(instance, 0)], [], Ct);
        var again = await store.SaveAsync([new InstanceChange(instance, 0)], [], Ct);
        Assert.False(again.Saved);
        Assert.Equal(instance.Id, again.Conflict);
    }

    [Fact]
    public async Task ConcurrentCompletion_ExactlyOneWins_TheOtherWritesNothing()
    {
        var store = await CreateStoreAsync();
        var instance = StartInstance();
        await store.SaveAsync([new InstanceChange(instance, 0)], [], Ct);
        var first = (await store.LoadAsync(instance.Id, Ct))!;
        var second = (await store.LoadAsync(instance.Id, Ct))!;
        var taskId = instance.Tasks[0].Id;
        Assert.True(Engine.CompleteTask(Flow, first.Instance, taskId, TaskCompletion.Empty).Succeeded);
        Assert.True(Engine.CompleteTask(Flow, second.Instance, taskId, TaskCompletion.Empty).Succeeded);

        var saves = await Task.WhenAll(
            Task.Run(() => store.SaveAsync([new InstanceChange(first.Instance, first.Revision)], [Line(instance, "one")], Ct), Ct),
            Task.Run(() => store.SaveAsync([new InstanceChange(second.Instance, second.Revision)], [Line(instance, "two")], Ct), Ct));

        Assert.Equal(1, saves.Count(s => s.Saved));
        var stored = (await store.LoadAsync(instance.Id, Ct))!;
        Assert.Equal(2, stored.Revision);
        Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
        Assert.Single(await store.LoadHistoryAsync(instance.Id, Ct));
    }

    [Fact]
    public async Task Save_IsAllOrNothing_AcrossInstances()
    {
        var store = await CreateStoreAsync();
        var a = StartInstance();
        var b = StartInstance();
        await store.SaveAsync([new InstanceChange(a, 0)], [], Ct);
        // b is new, a is written from a stale revision: neither may be written.
        var result = await store.SaveAsync([new InstanceChange(b, 0), new InstanceChange(a, 5)], [Line(b, "started")], Ct);
        Assert.False(result.Saved);
        Assert.Null(await store.LoadAsync(b.Id, Ct));
        Assert.Empty(await store.LoadHistoryAsync(b.Id, Ct));
        Assert.Equal(1, (await store.LoadAsync(a.Id, Ct))!.Revision);
    }

    [Fact]
    public async Task Queries_FindTasksBusinessKeysAndDueTimers()
    {
        var store = await CreateStoreAsync();
        var a = StartInstance("J-1");
        _clock.Now += TimeSpan.FromMinutes(10);
        var b = StartInstance("J-2");
        await store.SaveAsync([new InstanceChange(a, 0), new InstanceChange(b, 0)], [], Ct);

        Assert.Equal(b.Id, await store.FindByTaskAsync(b.Tasks[0].Id, Ct));
        Assert.Null(await store.FindByTaskAsync(Guid.NewGuid(), Ct));
        Assert.Equal([a.Id], await store.FindByBusinessKeyAsync("J-1", Ct));

        var due = await store.FindDueTimersAsync(_clock.Now.AddHours(1), 10, Ct);
        Assert.Equal([a.Id, b.Id], due.Select(d => d.InstanceId));
        Assert.Single(await store.FindDueTimersAsync(_clock.Now.AddHours(1), 1, Ct));
        Assert.Single(await store.FindDueTimersAsync(_clock.Now.AddMinutes(55), 10, Ct));
    }
}
