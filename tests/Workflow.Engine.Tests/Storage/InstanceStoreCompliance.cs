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

    protected abstract IInstanceStore CreateStore();

    private WorkflowEngine Engine => new(new EngineOptions { Clock = _clock });

    private ProcessInstance StartInstance(string? businessKey = null)
    {
        var instance = Engine.Start(Flow, new StartRequest { BusinessKey = businessKey }, out var result);
        Assert.True(result.Succeeded);
        return instance;
    }

    [Fact]
    public async Task Create_ThenLoad_ReturnsACopyAtRevisionOne()
    {
        var store = CreateStore();
        var instance = StartInstance();
        Assert.True((await store.CreateAsync(instance, TestContext.Current.CancellationToken)).Saved);
        var loaded = await store.LoadAsync(instance.Id, TestContext.Current.CancellationToken);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Revision);
        Assert.NotSame(instance, loaded.Instance);
        Assert.Equal(InstanceStateSerializer.Serialize(instance), InstanceStateSerializer.Serialize(loaded.Instance));
    }

    [Fact]
    public async Task Create_IsAConflict_WhenTheIdExists()
    {
        var store = CreateStore();
        var instance = StartInstance();
        await store.CreateAsync(instance, TestContext.Current.CancellationToken);
        Assert.False((await store.CreateAsync(instance, TestContext.Current.CancellationToken)).Saved);
    }

    [Fact]
    public async Task ConcurrentCompletion_ExactlyOneWins_TheOtherChangesNothing()
    {
        var store = CreateStore();
        var instance = StartInstance();
        await store.CreateAsync(instance, TestContext.Current.CancellationToken);
        var first = (await store.LoadAsync(instance.Id, TestContext.Current.CancellationToken))!;
        var second = (await store.LoadAsync(instance.Id, TestContext.Current.CancellationToken))!;
        var taskId = instance.Tasks[0].Id;
        Assert.True(Engine.CompleteTask(Flow, first.Instance, taskId, TaskCompletion.Empty).Succeeded);
        Assert.True(Engine.CompleteTask(Flow, second.Instance, taskId, TaskCompletion.Empty).Succeeded);

        var saves = await Task.WhenAll(
            store.SaveAsync(first.Instance, first.Revision, TestContext.Current.CancellationToken),
            store.SaveAsync(second.Instance, second.Revision, TestContext.Current.CancellationToken));

        Assert.Equal(1, saves.Count(s => s.Saved));
        var stored = (await store.LoadAsync(instance.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(2, stored.Revision);
        Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
    }

    [Fact]
    public async Task Queries_FindTasksBusinessKeysAndDueTimers()
    {
        var store = CreateStore();
        var a = StartInstance("J-1");
        _clock.Now += TimeSpan.FromMinutes(10);
        var b = StartInstance("J-2");
        await store.CreateAsync(a, TestContext.Current.CancellationToken);
        await store.CreateAsync(b, TestContext.Current.CancellationToken);

        Assert.Equal(b.Id, await store.FindByTaskAsync(b.Tasks[0].Id, TestContext.Current.CancellationToken));
        Assert.Null(await store.FindByTaskAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));
        Assert.Equal([a.Id], await store.FindByBusinessKeyAsync("J-1", TestContext.Current.CancellationToken));

        var due = await store.FindDueTimersAsync(_clock.Now.AddHours(1), 10, TestContext.Current.CancellationToken);
        Assert.Equal([a.Id, b.Id], due.Select(d => d.InstanceId));
        Assert.Single(await store.FindDueTimersAsync(_clock.Now.AddHours(1), 1, TestContext.Current.CancellationToken));
        Assert.Single(await store.FindDueTimersAsync(_clock.Now.AddMinutes(55), 10, TestContext.Current.CancellationToken));
    }
}
