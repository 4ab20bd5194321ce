using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Tests.Support;
using Workflow.Persistence.Timers;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>The <c>timers</c> table follows the state, history keeps its order, and a failed save leaves nothing behind.</summary>
public abstract class TimerAndHistoryCompliance : StoreTests
{
    private static async Task<TimerRow[]> TimerRowsAsync(Stores stores)
    {
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        return await db.Timers.AsNoTracking().OrderBy(t => t.DueAt).ToArrayAsync(Ct);
    }

    [Fact]
    public async Task Timers_AreInsertedWhenArmed_AndDeletedWhenWithdrawn()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);

        var row = Assert.Single(await TimerRowsAsync(stores));
        Assert.Equal((instance.Timers[0].Id, instance.Id, Clock.Now.AddHours(1)), (row.Id, row.InstanceId, row.DueAt));
        Assert.Equal((0, (string?)null, (DateTimeOffset?)null, (string?)null), (row.Attempts, row.LeaseOwner, row.LeaseUntil, row.LastError));
        Assert.Empty(await stores.Instances.FindDueTimersAsync(Clock.Now.AddMinutes(59), 10, Ct));
        Assert.Equal(row.Id, Assert.Single(await stores.Instances.FindDueTimersAsync(Clock.Now.AddHours(1), 10, Ct)).TimerId);

        Assert.True(Engine.CompleteTask(definition.Definition, instance, instance.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Empty(await TimerRowsAsync(stores));
        Assert.Empty(await stores.Instances.FindDueTimersAsync(Clock.Now.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task FiredTimer_IsDeleted()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        Clock.Now += TimeSpan.FromHours(1);
        var due = Assert.Single(await stores.Instances.FindDueTimersAsync(Clock.Now, 10, Ct));

        Assert.True(Engine.FireTimer(definition.Definition, instance, due.TimerId).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Empty(await TimerRowsAsync(stores));
    }

    [Fact]
    public async Task RepeatingTimer_KeepsItsRow_WithTheNextDueTime()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(Document(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="t" />
            <bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
            {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}{Flow("f2", "remind", "e2")}
            """)), Ct));
        var instance = Engine.Start(definition, unit: null);
        await SaveAsync(stores.Instances, instance, 0);
        var first = Assert.Single(await TimerRowsAsync(stores));

        Clock.Now += TimeSpan.FromHours(1);
        Assert.True(Engine.FireTimer(definition.Definition, instance, first.Id).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        var second = Assert.Single(await TimerRowsAsync(stores));
        Assert.Equal((first.Id, first.DueAt.AddHours(1)), (second.Id, second.DueAt));
    }

    [Fact]
    public async Task TimerRow_KeepsItsAttemptsAndLease_WhenTheInstanceIsSavedWithTheTimerUnchanged()
    {
        Clock.Now = Clock.Now.AddTicks(1_234_567); // a real clock's time: not a whole microsecond
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        await using (var db = await stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            await db.Timers.ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, 2).SetProperty(t => t.LeaseOwner, "node-a").SetProperty(t => t.LastError, "boom")
                .SetProperty(t => t.NextAttemptAt, Clock.Now.AddHours(2)).SetProperty(t => t.FailedAt, Clock.Now.AddHours(3)), Ct);
        }

        Assert.True(Engine.ClaimTask(definition.Definition, instance, instance.Tasks[0].Id, "alice").Succeeded); // the timer stays armed as it was
        await SaveAsync(stores.Instances, instance, 1);

        var row = Assert.Single(await TimerRowsAsync(stores));
        Assert.Equal((2, "node-a", "boom"), (row.Attempts, row.LeaseOwner, row.LastError));
        // A timer incident (failed_at) must survive unrelated commands on its instance.
        Assert.Equal((Clock.Now.AddHours(2).UtcTicks / 10, Clock.Now.AddHours(3).UtcTicks / 10),
            (row.NextAttemptAt!.Value.UtcTicks / 10, row.FailedAt!.Value.UtcTicks / 10)); // whole microseconds: PostgreSQL keeps no more
    }

    [Fact]
    public async Task History_ComesBackInTheOrderItWasWritten()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var a = Engine.Start(definition, unit: "U1");
        var b = Engine.Start(definition, unit: "U1");
        var at = Clock.Now;
        HistoryEntry Line(ProcessInstance i, string kind, string? data = null) => new(i.Id, at, kind, "review", "tester", data);

        await SaveAsync(stores.Instances, a, 0, Line(a, "started"), Line(a, "entered"), Line(a, "task-created"));
        await SaveAsync(stores.Instances, b, 0, Line(b, "started"));
        var many = Enumerable.Range(0, 25).Select(n => Line(a, $"step-{n}", $$"""{"n":{{n}}}""")).ToArray();
        Assert.True((await stores.Instances.SaveAsync([], many, Ct)).Saved);

        var history = await stores.Instances.LoadHistoryAsync(a.Id, Ct);
        Assert.Equal(["started", "entered", "task-created", .. many.Select(m => m.Kind)], history.Select(h => h.Kind));
        Assert.Equal(many[^1], history[^1]);
        Assert.Equal("started", Assert.Single(await stores.Instances.LoadHistoryAsync(b.Id, Ct)).Kind);
    }

    [Fact]
    public async Task CrashAfterTheInstanceRowWasUpdated_LeavesNoPartialState()
    {
        var definitionDocument = InboxFlows.Review;
        var instanceId = Guid.NewGuid();
        var crash = new FailingSaveInterceptor(instanceId);
        var stores = await CreateStoresAsync(crash);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(definitionDocument, Ct));
        var instance = Engine.Start(definition.Definition, new StartRequest
        {
            InstanceId = instanceId,
            Version = definition.Version,
            Variables = new Dictionary<string, object?> { ["unit"] = "U1" },
        }, out _);
        await SaveAsync(stores.Instances, instance, 0, new HistoryEntry(instance.Id, Clock.Now, "started", null, null, null));
        var before = InstanceStateSerializer.Serialize(instance);

        Assert.True(Engine.CompleteTask(definition.Definition, instance, instance.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
        crash.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Instances.SaveAsync(
            [new InstanceChange(instance, 1)], [new HistoryEntry(instance.Id, Clock.Now, "task-completed", "review", "alice", null)], Ct));
        crash.Armed = false;

        Assert.Equal(2, crash.RevisionSeenInTransaction); // the update had happened, inside the transaction
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.Equal(1, stored.Revision);
        Assert.Equal(before, InstanceStateSerializer.Serialize(stored.Instance));
        Assert.Equal("started", Assert.Single(await stores.Instances.LoadHistoryAsync(instance.Id, Ct)).Kind);
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(TaskState.Open, (await db.Tasks.SingleAsync(Ct)).State);
        Assert.Single(await db.Timers.ToListAsync(Ct));

        // The same change goes through once the fault is gone.
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Equal(InstanceStatus.Completed, (await stores.Instances.LoadAsync(instance.Id, Ct))!.Instance.Status);
    }

    [Fact]
    public async Task CrashWhileInserting_WritesNothing()
    {
        var instance = Engine.Start(InboxFlows.Review.Processes[0], new StartRequest { Variables = new Dictionary<string, object?> { ["unit"] = "U1" } }, out _);
        var crash = new FailingSaveInterceptor(instance.Id) { Armed = true };
        var stores = await CreateStoresAsync(crash);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Instances.SaveAsync(
            [new InstanceChange(instance, 0)], [new HistoryEntry(instance.Id, Clock.Now, "started", null, null, null)], Ct));

        Assert.Null(await stores.Instances.LoadAsync(instance.Id, Ct));
        Assert.Empty(await stores.Instances.LoadHistoryAsync(instance.Id, Ct));
        Assert.Null(await stores.Instances.FindByTaskAsync(instance.Tasks[0].Id, Ct));
        Assert.Empty(await stores.Instances.FindDueTimersAsync(Clock.Now.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task ConcurrentSaves_OfDifferentInstances_AllSucceed()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instances = Enumerable.Range(0, 24).Select(n => Engine.Start(definition, unit: $"U{n % 3}")).ToArray();

        var saves = await Task.WhenAll(instances.Select(i => Task.Run(() =>
            stores.Instances.SaveAsync([new InstanceChange(i, 0)], [new HistoryEntry(i.Id, Clock.Now, "started", null, null, null)], Ct), Ct)));

        Assert.All(saves, s => Assert.True(s.Saved));
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(24, await db.Instances.CountAsync(Ct));
        Assert.Equal(24, await db.Tasks.CountAsync(Ct));
        Assert.Equal(48, await db.TaskCandidates.CountAsync(Ct));
    }

    [Fact]
    public async Task ConcurrentInserts_OfTheSameInstance_OneWins_TheOtherIsAConflict()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        for (var round = 0; round < 5; round++)
        {
            var instance = Engine.Start(definition, unit: "U1");
            var copy = InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(instance));
            var saves = await Task.WhenAll(new[] { instance, copy }.Select(i => Task.Run(() =>
                stores.Instances.SaveAsync([new InstanceChange(i, 0)], [new HistoryEntry(i.Id, Clock.Now, "started", null, null, null)], Ct), Ct)));

            Assert.Single(saves, s => s.Saved);
            Assert.Equal(instance.Id, Assert.Single(saves, s => !s.Saved).Conflict);
            Assert.Single(await stores.Instances.LoadHistoryAsync(instance.Id, Ct));
            Assert.Equal(instance.Id, await stores.Instances.FindByTaskAsync(instance.Tasks[0].Id, Ct));
        }
    }

    [Fact]
    public async Task ASaveOfTwoInstances_ThatConflictsOnTheSecond_WritesNeither_AndNamesTheSecond()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var a = Engine.Start(definition, unit: "U1");
        var b = Engine.Start(definition, unit: "U1");
        HistoryEntry Line(ProcessInstance i, string kind) => new(i.Id, Clock.Now, kind, "review", "alice", null);
        await SaveAsync(stores.Instances, a, 0, Line(a, "started"));
        await SaveAsync(stores.Instances, b, 0, Line(b, "started"));
        var loadedA = (await stores.Instances.LoadAsync(a.Id, Ct))!;
        var loadedB = (await stores.Instances.LoadAsync(b.Id, Ct))!;
        // Someone else claims b's task after both loads.
        Assert.True(Engine.ClaimTask(definition.Definition, b, b.Tasks[0].Id, "bob").Succeeded);
        await SaveAsync(stores.Instances, b, 1, Line(b, "task-claimed"));

        Assert.True(Engine.ClaimTask(definition.Definition, loadedA.Instance, a.Tasks[0].Id, "alice").Succeeded);
        Assert.True(Engine.ClaimTask(definition.Definition, loadedB.Instance, b.Tasks[0].Id, "alice").Succeeded);
        var result = await stores.Instances.SaveAsync(
            [new InstanceChange(loadedA.Instance, loadedA.Revision) { Loaded = loadedA.Projection }, new InstanceChange(loadedB.Instance, loadedB.Revision) { Loaded = loadedB.Projection }],
            [Line(a, "task-claimed"), Line(b, "task-claimed")], Ct);

        Assert.Equal((false, b.Id), (result.Saved, result.Conflict));
        var storedA = (await stores.Instances.LoadAsync(a.Id, Ct))!;
        Assert.Equal((1L, (string?)null), (storedA.Revision, storedA.Instance.Tasks[0].Assignee));
        Assert.Equal("started", Assert.Single(await stores.Instances.LoadHistoryAsync(a.Id, Ct)).Kind);
        Assert.Equal(["started", "task-claimed"], (await stores.Instances.LoadHistoryAsync(b.Id, Ct)).Select(h => h.Kind));
        await using (var db = await stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            Assert.Null((await db.Tasks.SingleAsync(t => t.InstanceId == a.Id, Ct)).Assignee);
            Assert.Equal("bob", (await db.Tasks.SingleAsync(t => t.InstanceId == b.Id, Ct)).Assignee);
        }

        // a alone, from the same load, still goes through: nothing of the failed save was left behind.
        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(loadedA.Instance, loadedA.Revision) { Loaded = loadedA.Projection }],
            [Line(a, "task-claimed")], Ct)).Saved);
        Assert.Equal("alice", (await stores.Instances.LoadAsync(a.Id, Ct))!.Instance.Tasks[0].Assignee);
    }

    [Fact]
    public async Task ASave_WithMoreLedgerEntriesThanOneBatchCarries_IsWrittenWhole()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0, new HistoryEntry(instance.Id, Clock.Now, "started", null, null, null));
        var loaded = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.True(Engine.ClaimTask(definition.Definition, loaded.Instance, instance.Tasks[0].Id, "alice").Succeeded);
        var notes = Enumerable.Range(0, 40).Select(n => new HistoryEntry(instance.Id, Clock.Now, $"note-{n}", "review", "alice", null)).ToArray();

        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(loaded.Instance, loaded.Revision) { Loaded = loaded.Projection }], notes, Ct)).Saved);

        Assert.Equal(["started", .. notes.Select(n => n.Kind)], (await stores.Instances.LoadHistoryAsync(instance.Id, Ct)).Select(h => h.Kind));
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.Equal((2L, "alice"), (stored.Revision, stored.Instance.Tasks[0].Assignee));
    }
}
