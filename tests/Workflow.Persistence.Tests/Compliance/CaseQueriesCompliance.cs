using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Durable.Accountability;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>
/// The read scope's query: which instances' cases a person takes part in — through the ledger, the tasks, their unit or
/// their inbox — with an incident and the case it called read together, and other cases left out.
/// </summary>
public abstract class CaseQueriesCompliance : StoreTests
{
    /// <summary>Register (no role, no unit) → the case of <see cref="AccountabilityFlows.Case"/> (Handle in the unit, Review by a legal officer of any unit).</summary>
    private static readonly string Caller = Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="Register" />
        <bpmn:callActivity id="call" calledElement="p" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "Register")}{Flow("f1", "Register", "call")}{Flow("f2", "call", "e")}
        """, processId: "incident");

    private static readonly Actor CallTaker = Actor.Person("li.call", ["call-taker"], "command");

    /// <summary>
    /// An incident registered by li.call that called a case; li.officer (east) handled the case; its Review waits for a legal
    /// officer of any unit. Another incident, started by other.call, waits at Register.
    /// </summary>
    private sealed record Seeded(Stores Stores, DurableRuntime Runtime, Guid Incident, Guid Case, Guid Other)
    {
        public CaseQueries Queries => new(Stores.Database.Contexts);
        public Guid[] All => [Incident, Case, Other];
    }

    private async Task<Seeded> SeedAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Definitions.DeployAsync(Document(AccountabilityFlows.Case()), Ct);
        await stores.Definitions.DeployAsync(Document(Caller), Ct);
        var runtime = new DurableRuntime(stores.Definitions, stores.Instances, new DurableRuntimeOptions { Clock = Clock });
        var incident = Ok(await runtime.StartAsync("incident", CallTaker, businessKey: "J-1", variables: AccountabilityFlows.InUnit(), cancellationToken: Ct));
        await DoAsync(runtime, incident.Id, "Register", CallTaker);
        var caseId = Assert.Single(Ok(await runtime.GetAsync(incident.Id, Ct)).Instance.Called ?? []);
        await DoAsync(runtime, caseId, "Handle", People.Officer);
        var other = Ok(await runtime.StartAsync("incident", Actor.Person("other.call", ["call-taker"], "command2"), businessKey: "J-2",
            variables: AccountabilityFlows.InUnit("west"), cancellationToken: Ct));
        return new Seeded(stores, runtime, incident.Id, caseId, other.Id);
    }

    private static async Task DoAsync(DurableRuntime runtime, Guid instanceId, string elementId, Actor actor)
    {
        var task = await OpenTaskAsync(runtime, instanceId, elementId);
        Ok(await runtime.ClaimAsync(task, actor, Ct));
        Ok(await runtime.CompleteAsync(task, new TaskCompletion(), actor, Ct));
    }

    private static async Task<Guid> OpenTaskAsync(DurableRuntime runtime, Guid instanceId, string elementId) =>
        Ok(await runtime.GetAsync(instanceId, Ct)).Instance.Tasks.Single(t => t.ElementId == elementId).Id;

    private static T Ok<T>(DurableResult<T> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? null : $"{result.Error.Code}: {result.Error.Message}");
        return result.Value;
    }

    private static async Task<Guid[]> ReadableAsync(Seeded seeded, string user, string? unit, params string[] roles) =>
        (await seeded.Queries.InvolvingAsync(seeded.All, new CaseReader(user, unit, roles), Ct)).Order().ToArray();

    private static Guid[] Sorted(params Guid[] ids) => ids.Order().ToArray();

    [Fact]
    public async Task ATaskCommandInACalledCase_ReadsTheCaseWithItsTask_ForTheSeparationOfDuties_WhereALoadIsARoundTrip()
    {
        var seeded = await SeedAsync();
        var loads = new CountingLoads(seeded.Stores.Instances);
        var runtime = new DurableRuntime(seeded.Stores.Definitions, loads, new DurableRuntimeOptions { Clock = Clock });
        var review = await OpenTaskAsync(runtime, seeded.Case, "Review");
        loads.ById = 0;

        // li.officer handled the case, so may not review it: the rule reads the case (the incident that called it too),
        // which a store whose loads are round trips hands over with the task, in the same read; SQLite loads the incident
        // when the rule asks, once per command.
        var refused = await runtime.ClaimAsync(review, Actor.Person("li.officer", ["officer", "legal-officer"], "east"), Ct);
        Assert.Equal(AccountabilityErrors.SeparationOfDuties, Assert.IsType<DurableResult<ProcessInstance>>(refused).Error?.Code);
        Ok(await runtime.ClaimAsync(review, People.Legal, Ct));

        Assert.Equal(2, loads.WithCase);
        Assert.Equal(await ReadsTheCaseWithATaskAsync(seeded.Stores) ? 0 : 2, loads.ById);
    }

    /// <summary>Counts the loads a runtime asks of the store.</summary>
    private sealed class CountingLoads(IInstanceStore store) : Workflow.Engine.Tests.Durable.DelegatingInstanceStore(store), IInstanceStore
    {
        private readonly IInstanceStore _store = store;

        public int ById { get; set; }

        public int WithCase { get; private set; }

        public override Task<StoredInstance?> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
        {
            ById++;
            return base.LoadAsync(instanceId, cancellationToken);
        }

        Task<IReadOnlyList<StoredInstance>> IInstanceStore.LoadWithCaseByTaskAsync(Guid taskId, CancellationToken cancellationToken)
        {
            WithCase++;
            return _store.LoadWithCaseByTaskAsync(taskId, cancellationToken);
        }
    }

    [Fact]
    public async Task Involving_ReturnsTheIncidentAndTheCaseItCalled_WhenTheLedgerNamesTheReaderOnEither()
    {
        var seeded = await SeedAsync();

        // li.call registered the incident only, li.officer handled the case only: each reads both, and nothing else.
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "li.call", "command", "call-taker"));
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "li.officer", "elsewhere", "officer"));
        Assert.Equal([seeded.Case], await seeded.Queries.InvolvingAsync([seeded.Case], new CaseReader("li.call", null, []), Ct));
    }

    [Fact]
    public async Task Involving_ReturnsTheCase_WhenOneOfItsTasksBelongsToTheReadersUnit_EvenClosed()
    {
        var seeded = await SeedAsync();

        // Handle (unit east) is closed; chen.officer never touched the case.
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "chen.officer", "east", "officer"));
        // The other incident's unit (west) has no task yet: its variables alone do not make it west's.
        Assert.Empty(await ReadableAsync(seeded, "zhang.officer", "west", "officer"));
        Assert.Empty(await ReadableAsync(seeded, "nobody", null));
    }

    [Fact]
    public async Task Involving_ReturnsTheCase_WhenAnOpenTaskOfNoUnitIsClaimableThroughTheReadersRole_UntilSomeoneHoldsIt()
    {
        var seeded = await SeedAsync();
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "sun.legal", null, "legal-officer"));

        Ok(await seeded.Runtime.ClaimAsync(await OpenTaskAsync(seeded.Runtime, seeded.Case, "Review"), People.Legal, Ct));

        Assert.Empty(await ReadableAsync(seeded, "sun.legal", null, "legal-officer"));
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "wang.legal", null, "legal-officer"));
    }

    [Fact]
    public async Task Involving_ReturnsAnIncidentAColleagueRegistered_ToAnotherCallTaker()
    {
        var stores = await CreateStoresAsync();
        await stores.Definitions.DeployAsync(Document(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="Register" wf:roles="call-taker" /><bpmn:userTask id="Handle" wf:roles="officer" wf:unit="unit" />
            <bpmn:endEvent id="e" />{Flow("f0", "s", "Register")}{Flow("f1", "Register", "Handle")}{Flow("f2", "Handle", "e")}
            """, processId: "pool")), Ct);
        var runtime = new DurableRuntime(stores.Definitions, stores.Instances, new DurableRuntimeOptions { Clock = Clock });
        var incident = Ok(await runtime.StartAsync("pool", CallTaker, variables: AccountabilityFlows.InUnit(), cancellationToken: Ct));
        await DoAsync(runtime, incident.Id, "Register", CallTaker);
        var queries = new CaseQueries(stores.Database.Contexts);

        // wang.call never touched it, but li.call of the same command centre registered it: the unit's work.
        Assert.Equal([incident.Id], await queries.InvolvingAsync([incident.Id], new CaseReader("wang.call", "command", ["call-taker"]), Ct));
        // The same role in another unit, or another unit altogether, reads nothing.
        Assert.Empty(await queries.InvolvingAsync([incident.Id], new CaseReader("qian.call", "command2", ["call-taker"]), Ct));
        Assert.Empty(await queries.InvolvingAsync([incident.Id], new CaseReader("zhang.duty", "west", ["duty-officer"]), Ct));
    }

    [Fact]
    public async Task Involving_ReturnsTheCase_ToTheRecipientOfAnOpenOffer_AndToThePersonActedFor()
    {
        var seeded = await SeedAsync();
        var review = await OpenTaskAsync(seeded.Runtime, seeded.Case, "Review");
        Assert.Empty(await ReadableAsync(seeded, "sun.legal", "north", "clerk"));
        Assert.Empty(await ReadableAsync(seeded, "boss", "north", "clerk"));

        Ok(await seeded.Runtime.ClaimAsync(review, People.Legal, Ct));
        Ok(await seeded.Runtime.OfferAsync(review, "sun.legal", "休假", People.Legal, Ct));
        Assert.True((await seeded.Stores.Instances.SaveAsync([], [new HistoryEntry(seeded.Case, Clock.Now, "note", null, "deputy", null) { ActingFor = "boss" }], Ct)).Saved);

        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "sun.legal", "north", "clerk"));
        Assert.Equal(Sorted(seeded.Incident, seeded.Case), await ReadableAsync(seeded, "boss", "north", "clerk"));
    }

    [Fact]
    public async Task Involving_LeavesOutUnknownInstances_AndAnswersNothingForNothing()
    {
        var seeded = await SeedAsync();

        Assert.Empty(await seeded.Queries.InvolvingAsync([Guid.NewGuid()], new CaseReader("li.call", "command", ["call-taker"]), Ct));
        Assert.Empty(await seeded.Queries.InvolvingAsync([], new CaseReader("li.call", "command", ["call-taker"]), Ct));
        Assert.Equal([seeded.Other], await seeded.Queries.InvolvingAsync([seeded.Other, Guid.NewGuid()], new CaseReader("other.call", null, []), Ct));
    }
}
