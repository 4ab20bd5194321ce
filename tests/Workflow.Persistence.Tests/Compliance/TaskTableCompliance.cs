using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>The <c>tasks</c> table follows the instance state on every save.</summary>
public abstract class TaskTableCompliance : StoreTests
{
    private static async Task<TaskRow[]> TaskRowsAsync(Stores stores, Guid instanceId)
    {
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        return await db.Tasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ToArrayAsync(Ct);
    }

    [Fact]
    public async Task Save_InsertsAnOpenRow_WithNameRolesUnitAndDueTime()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1", businessKey: "J-7");
        await SaveAsync(stores.Instances, instance, 0);

        var row = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Equal(instance.Tasks[0].Id, row.Id);
        Assert.Equal((TaskState.Open, "review", "审核", "review-flow"), (row.State, row.ElementId, row.Name, row.ProcessId));
        Assert.Equal(["legal-officer", "unit-head"], row.Candidates.Select(c => c.Role).Order());
        Assert.Equal(("U1", (string?)null, "J-7"), (row.Unit, row.Assignee, row.BusinessKey));
        Assert.Equal(Clock.Now, row.CreatedAt);
        Assert.Equal(Clock.Now.AddHours(2), row.DueAt);
        Assert.Null(row.ClosedAt);
        Assert.Equal(instance.Id, await stores.Instances.FindByTaskAsync(row.Id, Ct));
    }

    [Fact]
    public async Task Complete_ClosesTheRow()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);

        Clock.Now += TimeSpan.FromMinutes(30);
        Assert.True(Engine.CompleteTask(definition.Definition, instance, instance.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        var row = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Equal((TaskState.Closed, Clock.Now), (row.State, row.ClosedAt));
        Assert.Null(await stores.Instances.FindByTaskAsync(row.Id, Ct));
    }

    [Fact]
    public async Task BoundaryTimer_ClosesTheTask_AndTheNextTaskAppears()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);

        Clock.Now += TimeSpan.FromHours(1);
        Assert.True(Engine.FireTimer(definition.Definition, instance, instance.Timers[0].Id).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        var rows = await TaskRowsAsync(stores, instance.Id);
        Assert.Equal([("review", TaskState.Closed), ("escalated", TaskState.Open)], rows.Select(r => (r.ElementId, r.State)));
        Assert.Equal(["supervisor"], rows[1].Candidates.Select(c => c.Role));
        Assert.Null(rows[1].Unit);
        Assert.Null(rows[1].DueAt);
    }

    [Fact]
    public async Task Cancel_MarksTheOpenTasksCancelled()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);

        Assert.True(Engine.Cancel(definition.Definition, instance).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        Assert.Equal(TaskState.Cancelled, Assert.Single(await TaskRowsAsync(stores, instance.Id)).State);
    }

    [Fact]
    public async Task ClaimAndUnclaim_UpdateTheAssignee()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var taskId = instance.Tasks[0].Id;

        Assert.True(Engine.ClaimTask(definition.Definition, instance, taskId, "alice").Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Equal("alice", Assert.Single(await TaskRowsAsync(stores, instance.Id)).Assignee);

        Assert.True(Engine.UnclaimTask(definition.Definition, instance, taskId).Succeeded);
        await SaveAsync(stores.Instances, instance, 2);
        var row = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Null(row.Assignee);
        Assert.Equal(TaskState.Open, row.State);
        Assert.Equal(2, row.Candidates.Count);
    }

    [Fact]
    public async Task Task_OfAnUndeployedDefinition_HasNoNameAndNoCandidates()
    {
        var stores = await CreateStoresAsync();
        var definition = InboxFlows.Review.Processes[0];
        var instance = Engine.Start(definition, new StartRequest { Variables = new Dictionary<string, object?> { ["unit"] = "U1" } }, out _);
        await SaveAsync(stores.Instances, instance, 0);

        var row = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Null(row.Name);
        Assert.Empty(row.Candidates);
        Assert.Equal("U1", row.Unit);
    }

    [Fact]
    public async Task Conflict_LeavesTheTaskRowsAsTheyWere()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var stale = (await stores.Instances.LoadAsync(instance.Id, Ct))!;

        Assert.True(Engine.ClaimTask(definition.Definition, instance, instance.Tasks[0].Id, "alice").Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.True(Engine.CompleteTask(definition.Definition, stale.Instance, instance.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
        Assert.False((await stores.Instances.SaveAsync([new InstanceChange(stale.Instance, stale.Revision)], [], Ct)).Saved);

        var row = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Equal((TaskState.Open, "alice"), (row.State, row.Assignee));
    }

    [Fact]
    public async Task Save_WithoutTheLoadedProjection_ReadsTheRowsBack_AndWritesTheSame()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1", businessKey: "J-1");
        await SaveAsync(stores.Instances, instance, 0);
        var taskId = instance.Tasks[0].Id;

        Assert.True(Engine.ClaimTask(definition.Definition, instance, taskId, "alice").Succeeded);
        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(instance, 1)], [], Ct)).Saved);
        var claimed = Assert.Single(await TaskRowsAsync(stores, instance.Id));
        Assert.Equal(("alice", "J-1", 2), (claimed.Assignee, claimed.BusinessKey, claimed.Candidates.Count));

        Assert.True(Engine.CompleteTask(definition.Definition, instance, taskId, TaskCompletion.Empty).Succeeded);
        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(instance, 2)], [], Ct)).Saved);
        Assert.Equal(TaskState.Closed, Assert.Single(await TaskRowsAsync(stores, instance.Id)).State);
        Assert.Empty(await stores.Instances.FindDueTimersAsync(Clock.Now.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task LoadByTask_LoadsTheHoldingInstance_WhileTheTaskIsOpen()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var taskId = instance.Tasks[0].Id;
        IInstanceStore store = stores.Instances;

        var loaded = await store.LoadByTaskAsync(taskId, Ct);
        Assert.NotNull(loaded);
        Assert.Equal((instance.Id, 1L), (loaded.Instance.Id, loaded.Revision));
        Assert.Equal(taskId, Assert.Single(loaded.Projection!.Tasks).Id);
        Assert.Null(await store.LoadByTaskAsync(Guid.NewGuid(), Ct));

        Assert.True(Engine.CompleteTask(definition.Definition, instance, taskId, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Null(await store.LoadByTaskAsync(taskId, Ct));
    }

    [Fact]
    public async Task LoadWithCaseByTask_ReadsTheTasksInstanceFirst_ThenItsCallerAndTheInstancesEitherCalled_WhereALoadIsARoundTrip()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        ProcessInstance Started(ProcessInstance? caller)
        {
            var instance = Engine.Start(definition.Definition, new StartRequest
            {
                Version = definition.Version,
                ParentInstanceId = caller?.Id,
                Variables = new Dictionary<string, object?> { ["unit"] = "U1" },
            }, out var result);
            Assert.True(result.Succeeded, result.Error?.ToString());
            return instance;
        }
        var root = Started(null);
        var called = Started(root);
        var sibling = Started(root);
        var grandchild = Started(called);
        var unrelated = Started(null);
        foreach (var instance in new[] { root, called, sibling, grandchild, unrelated })
        {
            await SaveAsync(stores.Instances, instance, 0);
        }
        IInstanceStore store = stores.Instances;

        var taskId = called.Tasks[0].Id;
        var loaded = await store.LoadWithCaseByTaskAsync(taskId, Ct);

        Assert.Equal(called.Id, loaded[0].Instance.Id);
        Assert.All(loaded, s => Assert.Equal(1L, s.Revision));
        Assert.Equal([unrelated.Id], (await store.LoadWithCaseByTaskAsync(unrelated.Tasks[0].Id, Ct)).Select(s => s.Instance.Id));
        var fromRoot = await store.LoadWithCaseByTaskAsync(root.Tasks[0].Id, Ct);
        Assert.Equal(root.Id, fromRoot[0].Instance.Id);
        if (await ReadsTheCaseWithATaskAsync(stores))
        {
            Assert.Equal(new[] { root.Id, sibling.Id, grandchild.Id }.Order(), loaded.Skip(1).Select(s => s.Instance.Id).Order());
            Assert.Equal(root.Tasks[0].Id, Assert.Single(loaded.Single(s => s.Instance.Id == root.Id).Projection!.Tasks).Id);
            Assert.Equal(new[] { called.Id, sibling.Id }.Order(), fromRoot.Skip(1).Select(s => s.Instance.Id).Order());
        }
        else
        {
            Assert.Equal((1, 1), (loaded.Count, fromRoot.Count));
        }
        Assert.Empty(await store.LoadWithCaseByTaskAsync(Guid.NewGuid(), Ct));

        Assert.True(Engine.CompleteTask(definition.Definition, called, taskId, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, called, 1);
        Assert.Empty(await store.LoadWithCaseByTaskAsync(taskId, Ct));
    }

    [Fact]
    public async Task Migration_ProjectsTheOpenTaskAfresh_UnderItsNewElementNameAndRoles()
    {
        var stores = await CreateStoresAsync();
        Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var v2 = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.ReviewRenamed, Ct));
        var runtime = new Workflow.Engine.Durable.DurableRuntime(stores.Definitions, stores.Instances, new Workflow.Engine.Durable.DurableRuntimeOptions { Clock = Clock });
        var started = await runtime.StartAsync("review-flow", Workflow.Engine.Accountability.Actor.Person("starter"), version: 1, variables: new Dictionary<string, object?> { ["unit"] = "U1" }, cancellationToken: Ct);
        Assert.True(started.Succeeded);
        var taskId = Assert.Single(started.Value.Tasks).Id;

        var moved = await runtime.MigrateAsync(started.Value.Id, v2.Version, new Dictionary<string, string> { ["review"] = "check" }, Workflow.Engine.Accountability.Actor.Person("admin", ["admin"]), Ct);

        Assert.True(moved.Succeeded, moved.Succeeded ? null : moved.Error.Message);
        var row = Assert.Single(await TaskRowsAsync(stores, started.Value.Id));
        Assert.Equal((taskId, TaskState.Open, "check", "复核"), (row.Id, row.State, row.ElementId, row.Name));
        Assert.Equal(["county-head"], row.Candidates.Select(c => c.Role));
    }

    [Fact]
    public async Task CandidateRows_AreClaimable_OnlyWhileTheTaskIsOpenAndUnassigned()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var taskId = instance.Tasks[0].Id;
        async Task<(bool, string?, DateTimeOffset?)[]> CandidatesAsync()
        {
            await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
            return (await db.TaskCandidates.AsNoTracking().Where(c => c.TaskId == taskId).ToListAsync(Ct))
                .Select(c => (c.State == CandidateState.Claimable, c.Unit, c.DueAt)).Distinct().ToArray();
        }

        Assert.Equal([(true, "U1", Clock.Now.AddHours(2))], await CandidatesAsync());
        Assert.True(Engine.ClaimTask(definition.Definition, instance, taskId, "alice").Succeeded);
        await SaveAsync(stores.Instances, instance, 1);
        Assert.Equal([(false, "U1", Clock.Now.AddHours(2))], await CandidatesAsync());
        Assert.True(Engine.UnclaimTask(definition.Definition, instance, taskId).Succeeded);
        await SaveAsync(stores.Instances, instance, 2);
        Assert.Equal([(true, "U1", Clock.Now.AddHours(2))], await CandidatesAsync());
        Assert.True(Engine.CompleteTask(definition.Definition, instance, taskId, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 3);
        Assert.False(Assert.Single(await CandidatesAsync()).Item1);
    }

    [Fact]
    public async Task Saves_WriteOnlyTheColumnsThatChanged()
    {
        var statements = new RecordingInterceptor();
        var stores = await CreateStoresAsync(statements);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1", businessKey: "J-8");
        await SaveAsync(stores.Instances, instance, 0);
        var taskId = instance.Tasks[0].Id;

        statements.Texts.Clear();
        Assert.True(Engine.ClaimTask(definition.Definition, instance, taskId, "alice").Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        // A claim changes the state, the assignee and the candidates' state: not the status, key, unit or due time (all indexed).
        var claim = string.Join("\n", statements.Texts);
        Assert.True(Sets(claim, "assignee"), claim);
        Assert.True(Sets(claim, "state"), claim);
        Assert.False(Sets(claim, "status"), claim);
        Assert.False(Sets(claim, "business_key"), claim);
        Assert.False(Sets(claim, "unit"), claim);
        Assert.False(Sets(claim, "due_at"), claim);

        statements.Texts.Clear();
        Assert.True(Engine.CompleteTask(definition.Definition, instance, taskId, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 2);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.True(Sets(string.Join("\n", statements.Texts), "status"));
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var stored = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instance.Id, Ct);
        Assert.Equal((InstanceStatus.Completed, instance.EndedAt, "J-8", 3L), (stored.Status, stored.EndedAt, stored.BusinessKey, stored.Revision));
    }

    [Fact]
    public async Task Save_MovesTheLedgerHeadLoadedWithTheInstance_InTheInstancesOwnUpdate()
    {
        var statements = new RecordingInterceptor();
        var stores = await CreateStoresAsync(statements);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0, new HistoryEntry(instance.Id, Clock.Now, "started", null, "li.officer", null));
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;

        statements.Texts.Clear();
        Assert.True(Engine.ClaimTask(definition.Definition, stored.Instance, stored.Instance.Tasks[0].Id, "alice").Succeeded);
        var claimed = new HistoryEntry(instance.Id, Clock.Now, "task-claimed", "review", "alice", null);
        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(stored.Instance, stored.Revision) { Loaded = stored.Projection }], [claimed], Ct)).Saved);

        // One revision-checked UPDATE of the instance moves its head too; no statement reads, locks or moves a head of its own.
        var claim = string.Join("\n", statements.Texts);
        Assert.Single(statements.Texts, t => t.Contains("UPDATE \"instances\"", StringComparison.Ordinal) || t.Contains("UPDATE instances", StringComparison.Ordinal));
        Assert.True(Sets(claim, "ledger_seq"), claim);
        Assert.DoesNotContain("ledger_heads", claim, StringComparison.Ordinal);
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var last = await db.Ledger.Where(l => l.InstanceId == instance.Id).OrderByDescending(l => l.Seq).FirstAsync(Ct);
        var head = await db.Instances.Where(i => i.Id == instance.Id).Select(i => new { i.LedgerSeq, i.LedgerHash }).SingleAsync(Ct);
        Assert.Equal((2L, "task-claimed"), (last.Seq, last.Kind));
        Assert.Equal((2L, last.Hash), (head.LedgerSeq, head.LedgerHash!), EqualityComparer<(long, byte[])>.Create((a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2)));
    }

    /// <summary>Whether <paramref name="sql"/> assigns <paramref name="column"/> (quoted on SQLite, bare on PostgreSQL).</summary>
    private static bool Sets(string sql, string column) =>
        System.Text.RegularExpressions.Regex.IsMatch(sql, $"(?<![\\w\"])\"?{column}\"? = ");
}
