using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>The inbox query: whose tasks, which filters, in which order, page by page.</summary>
public abstract class TaskQueriesCompliance : StoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Five open tasks, created ten minutes apart:
    /// A review U1 (due 10:00, J-1), B review U2 (due 10:10, J-2), C review no unit (due 10:20, J-3),
    /// D review U2 claimed by alice (due 10:30, J-4), E note U1 (no due time, J-5).
    /// Review is for unit-head and legal-officer, note for unit-head only.
    /// </summary>
    private async Task<(Stores Stores, Dictionary<char, Guid> Ids, Dictionary<char, ProcessInstance> Instances, ProcessDefinition Review)> SeedAsync()
    {
        var stores = await CreateStoresAsync();
        var review = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var note = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Note, Ct));
        var ids = new Dictionary<char, Guid>();
        var instances = new Dictionary<char, ProcessInstance>();
        var seeds = new (char Key, DeployedDefinition Definition, string? Unit)[]
        {
            ('A', review, "U1"), ('B', review, "U2"), ('C', review, null), ('D', review, "U2"), ('E', note, "U1"),
        };
        foreach (var (key, definition, unit) in seeds)
        {
            var instance = Engine.Start(definition, unit, businessKey: $"J-{key - 'A' + 1}");
            if (key == 'D')
            {
                Assert.True(Engine.ClaimTask(definition.Definition, instance, instance.Tasks[0].Id, "alice").Succeeded);
            }
            await SaveAsync(stores.Instances, instance, 0);
            ids[key] = instance.Tasks[0].Id;
            instances[key] = instance;
            Clock.Now += TimeSpan.FromMinutes(10);
        }
        return (stores, ids, instances, review.Definition);
    }

    private static async Task<string> KeysAsync(Stores stores, Dictionary<char, Guid> ids, TaskQuery query)
    {
        var page = await stores.Tasks.FindAsync(query, Ct);
        return string.Concat(page.Items.Select(i => ids.Single(kv => kv.Value == i.Id).Key));
    }

    [Fact]
    public async Task Find_ReturnsTheTasksAssignedToTheUser()
    {
        var (stores, ids, _, _) = await SeedAsync();
        Assert.Equal("D", await KeysAsync(stores, ids, new TaskQuery { UserId = "alice" }));
        Assert.Equal("", await KeysAsync(stores, ids, new TaskQuery { UserId = "bob" }));
    }

    [Fact]
    public async Task Find_ReturnsUnassignedTasksClaimableThroughARoleInTheUsersUnit_OrWithoutUnit()
    {
        var (stores, ids, _, _) = await SeedAsync();
        Assert.Equal("ACE", await KeysAsync(stores, ids, new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U1" }));
        Assert.Equal("AC", await KeysAsync(stores, ids, new TaskQuery { UserId = "bob", Roles = ["legal-officer", "officer"], Unit = "U1" }));
        Assert.Equal("C", await KeysAsync(stores, ids, new TaskQuery { UserId = "bob", Roles = ["legal-officer"] }));
        Assert.Equal("", await KeysAsync(stores, ids, new TaskQuery { UserId = "bob", Roles = ["officer"], Unit = "U1" }));
        // alice's own task comes with those she may claim, and the claimed one is nobody else's.
        Assert.Equal("BCD", await KeysAsync(stores, ids, new TaskQuery { UserId = "alice", Roles = ["unit-head"], Unit = "U2" }));
        Assert.Equal("BC", await KeysAsync(stores, ids, new TaskQuery { UserId = "carol", Roles = ["unit-head"], Unit = "U2" }));
    }

    [Fact]
    public async Task Find_FiltersByDueTimeOverdueProcessAndBusinessKey()
    {
        var (stores, ids, _, _) = await SeedAsync();
        var head = new TaskQuery { UserId = "alice", Roles = ["unit-head"], Unit = "U2" };
        Assert.Equal("B", await KeysAsync(stores, ids, head with { OverdueAt = T0.AddHours(2).AddMinutes(10) }));
        Assert.Equal("BC", await KeysAsync(stores, ids, head with { OverdueAt = T0.AddHours(2).AddMinutes(20) }));
        Assert.Equal("B", await KeysAsync(stores, ids, head with { DueBefore = T0.AddHours(2).AddMinutes(20) }));
        Assert.Equal("D", await KeysAsync(stores, ids, head with { BusinessKey = "J-4" }));
        var u1 = new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U1" };
        Assert.Equal("E", await KeysAsync(stores, ids, u1 with { ProcessId = "note-flow" }));
        Assert.Equal("AC", await KeysAsync(stores, ids, u1 with { ProcessId = "review-flow" }));
    }

    [Fact]
    public async Task Find_SortsByDueTimeWithNoDueTimeLast_OrByCreationTime()
    {
        var (stores, ids, instances, _) = await SeedAsync();
        // G: a note (no due time) created before all the others.
        Clock.Now = T0.AddHours(-1);
        var note = (await stores.Definitions.FindAsync("note-flow", cancellationToken: Ct))!;
        var g = Engine.Start(note, "U1", "J-7");
        ids['G'] = g.Tasks[0].Id;
        await SaveAsync(stores.Instances, g, 0);

        var u1 = new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U1" };
        Assert.Equal("ACGE", await KeysAsync(stores, ids, u1));
        Assert.Equal("GACE", await KeysAsync(stores, ids, u1 with { Sort = TaskSort.CreatedAt }));
        Assert.Equal(instances['A'].Id, (await stores.Tasks.FindAsync(u1, Ct)).Items[0].InstanceId);
    }

    [Fact]
    public async Task Find_PagesWithATotalCount()
    {
        var (stores, ids, _, _) = await SeedAsync();
        var all = new TaskQuery { UserId = "alice", Roles = ["unit-head", "legal-officer"], Unit = "U1" };
        var first = await stores.Tasks.FindAsync(all with { Take = 2 }, Ct);
        Assert.Equal(4, first.Total);
        Assert.Equal([ids['A'], ids['C']], first.Items.Select(i => i.Id));
        var second = await stores.Tasks.FindAsync(all with { Skip = 2, Take = 2 }, Ct);
        Assert.Equal(4, second.Total);
        Assert.Equal([ids['D'], ids['E']], second.Items.Select(i => i.Id));
        var beyond = await stores.Tasks.FindAsync(all with { Skip = 10 }, Ct);
        Assert.Equal((4, 0), (beyond.Total, beyond.Items.Count));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stores.Tasks.FindAsync(all with { Take = TaskQuery.MaxTake + 1 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stores.Tasks.FindAsync(all with { Skip = -1 }, Ct));
    }

    [Fact]
    public async Task Find_ReturnsOpenTasksOnly_UnlessClosedAreAsked()
    {
        var (stores, ids, instances, review) = await SeedAsync();
        var a = instances['A'];
        Assert.True(Engine.CompleteTask(review, a, ids['A'], TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, a, 1);

        var u1 = new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U1" };
        Assert.Equal("CE", await KeysAsync(stores, ids, u1));
        var page = await stores.Tasks.FindAsync(u1 with { IncludeClosed = true }, Ct);
        Assert.Equal([ids['A'], ids['C'], ids['E']], page.Items.Select(i => i.Id));
        Assert.Equal(TaskState.Closed, page.Items[0].State);
    }

    [Fact]
    public async Task Find_ReturnsTheSummaryColumns()
    {
        var (stores, ids, instances, _) = await SeedAsync();
        var item = Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "alice", BusinessKey = "J-4" }, Ct)).Items);
        Assert.Equal(new TaskSummary(ids['D'], instances['D'].Id, "review-flow", "review", "审核", TaskState.Open, item.CandidateRoles,
            "U2", "alice", null, "J-4", 0, T0.AddMinutes(30), T0.AddMinutes(150), null), item);
        Assert.Equal(["legal-officer", "unit-head"], item.CandidateRoles);
    }

    [Fact]
    public async Task Find_ShowsAnAmendmentWaitingForReview_ToThoseWhoMayReviewIt_UntilReviewed()
    {
        var stores = await CreateStoresAsync();
        await stores.Definitions.DeployAsync(InboxFlows.Decided, Ct);
        var runtime = new DurableRuntime(stores.Definitions, stores.Instances, new DurableRuntimeOptions { Clock = Clock });
        var head = Actor.Person("alice", ["unit-head"], "U2");
        var otherHead = Actor.Person("bob", ["unit-head"], "U2");
        var officer = Actor.Person("carol", ["officer"], "U2");
        var started = await runtime.StartAsync("decided-flow", head, variables: new Dictionary<string, object?> { ["unit"] = "U2" }, businessKey: "J-9", cancellationToken: Ct);
        var decide = started.Value!.Tasks[0].Id;
        Assert.True((await runtime.ClaimAsync(decide, head, Ct)).Succeeded);
        Assert.True((await runtime.CompleteAsync(decide, new TaskCompletion { Data = new Dictionary<string, object?> { ["summary"] = "盗窃电动车" } }, head, Ct)).Succeeded);
        Clock.Now += TimeSpan.FromHours(1);

        var proposed = await runtime.ProposeAmendmentAsync(started.Value.Id, new Dictionary<string, object?> { ["summary"] = "盗窃自行车" }, "typo", "录入错误", officer, Ct);
        Assert.True(proposed.Succeeded, proposed.Error?.ToString());
        var amendment = proposed.Value!.Id;

        // Unit heads of U2 see it, as the step that locked the summary says; others do not, nor do they through the archive task's role.
        var item = Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U2" }, Ct)).Items);
        Assert.Equal((amendment, started.Value.Id, TaskKind.Amendment, "decide", "决定"), (item.Id, item.InstanceId, item.Kind, item.ElementId, item.Name));
        Assert.Equal((TaskState.Open, "U2", (string?)null, "J-9", Clock.Now), (item.State, item.Unit, item.Assignee, item.BusinessKey, item.CreatedAt));
        Assert.Equal(["unit-head"], item.CandidateRoles);
        Assert.Empty((await stores.Tasks.FindAsync(new TaskQuery { UserId = "dan", Roles = ["unit-head"], Unit = "U3" }, Ct)).Items);
        Assert.Equal(TaskKind.Task, Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "carol", Roles = ["officer"], Unit = "U2" }, Ct)).Items).Kind);

        // It is reviewed, not claimed: the refusal says how.
        var claimed = await runtime.ClaimAsync(amendment, otherHead, Ct);
        Assert.Equal(AccountabilityErrors.AmendmentReviewOnly, claimed.Error!.Code);
        Assert.True((await runtime.ApproveAmendmentAsync(started.Value.Id, amendment, otherHead, Ct)).Succeeded);
        Assert.Empty((await stores.Tasks.FindAsync(new TaskQuery { UserId = "bob", Roles = ["unit-head"], Unit = "U2" }, Ct)).Items);
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var row = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == amendment, Ct);
        Assert.Equal((TaskKind.Amendment, TaskState.Closed, (DateTimeOffset?)Clock.Now), (row.Kind, row.State, row.ClosedAt));
    }

    [Fact]
    public async Task Find_ShowsAHandoverOfferToItsRecipient_UntilAcceptedOrWithdrawn()
    {
        var stores = await CreateStoresAsync();
        await stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        var runtime = new DurableRuntime(stores.Definitions, stores.Instances, new DurableRuntimeOptions { Clock = Clock });
        var alice = Actor.Person("alice", ["unit-head"], "U2");
        var bob = Actor.Person("bob", ["unit-head"], "U2");
        var started = await runtime.StartAsync("review-flow", alice, variables: new Dictionary<string, object?> { ["unit"] = "U2" }, cancellationToken: Ct);
        var task = started.Value!.Tasks[0].Id;
        Assert.True((await runtime.ClaimAsync(task, alice, Ct)).Succeeded);
        Assert.True((await runtime.OfferAsync(task, "bob", "换班", alice, Ct)).Succeeded);

        // Offered to bob, still alice's: both see it, and only bob sees it because of the offer (he holds no role here).
        var offered = Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "bob" }, Ct)).Items);
        Assert.Equal((task, "alice", "bob"), (offered.Id, offered.Assignee, offered.OfferedTo));
        Assert.Equal("bob", Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "alice" }, Ct)).Items).OfferedTo);
        Assert.Empty((await stores.Tasks.FindAsync(new TaskQuery { UserId = "carol", Roles = ["unit-head"], Unit = "U2" }, Ct)).Items);

        Assert.True((await runtime.WithdrawOfferAsync(task, alice, Ct)).Succeeded);
        Assert.Empty((await stores.Tasks.FindAsync(new TaskQuery { UserId = "bob" }, Ct)).Items);
        Assert.True((await runtime.OfferAsync(task, "bob", "换班", alice, Ct)).Succeeded);
        Assert.True((await runtime.AcceptOfferAsync(task, bob, Ct)).Succeeded);
        var accepted = Assert.Single((await stores.Tasks.FindAsync(new TaskQuery { UserId = "bob" }, Ct)).Items);
        Assert.Equal(("bob", null), (accepted.Assignee, accepted.OfferedTo));
        Assert.Empty((await stores.Tasks.FindAsync(new TaskQuery { UserId = "alice" }, Ct)).Items);
    }
}
