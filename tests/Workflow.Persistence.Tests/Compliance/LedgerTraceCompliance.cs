using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Durable.Accountability;
using Workflow.Engine.Tests.Support;
using Workflow.Engine.Trace;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>
/// The backward trace read from a real database's ledger: a caller and the case it called, run through the durable runtime
/// (a return with a reason, an approver overriding it), traced from either instance and by business key, with the chains of
/// exactly those instances verified — and a tampered entry reported. The case is assembled from the ledger; where the instance
/// index disagrees, the trace says so.
/// </summary>
public abstract class LedgerTraceCompliance : StoreTests
{
    /// <summary>Register (handler) → the case of <see cref="AccountabilityFlows.Case"/> → end.</summary>
    private static readonly string Caller = Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="Register" wf:duty="handler" />
        <bpmn:callActivity id="call" calledElement="p" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "Register")}{Flow("f1", "Register", "call")}{Flow("f2", "call", "e")}
        """, processId: "incident");

    private static readonly Actor CallTaker = Actor.Person("li.call", ["call-taker"], "command");

    /// <summary>Does what an attacker with the owner's rights does first: switches the append-only triggers off.</summary>
    protected abstract Task DisableAppendOnlyAsync(WorkflowDbContext db);

    private sealed record Ran(Stores Stores, Guid Incident, Guid Case);

    private async Task<Ran> RunAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Definitions.DeployAsync(Document(AccountabilityFlows.Case()), Ct);
        await stores.Definitions.DeployAsync(Document(Caller), Ct);
        var runtime = new DurableRuntime(stores.Definitions, stores.Instances, new DurableRuntimeOptions { Clock = Clock });
        var incident = Ok(await runtime.StartAsync("incident", CallTaker, businessKey: "J-2026-7", variables: AccountabilityFlows.InUnit(), cancellationToken: Ct));
        await DoAsync(runtime, incident.Id, "Register", CallTaker, new TaskCompletion { Data = new Dictionary<string, object?> { ["summary"] = "邻里纠纷" } });
        var caseId = Assert.Single((await Load(runtime, incident.Id)).Called ?? []);
        await DoAsync(runtime, caseId, "Handle", People.Officer, new TaskCompletion { Data = new Dictionary<string, object?> { ["summary"] = "张三殴打李四" } });
        await DoAsync(runtime, caseId, "Review", People.Legal, new TaskCompletion { Outcome = "return", ReasonCode = "evidence", Reason = "缺少证人证言" });
        await DoAsync(runtime, caseId, "Approve", People.Head, new TaskCompletion { Outcome = "approve", ReasonCode = "public-interest", Reason = "监控视频证实" });
        return new Ran(stores, incident.Id, caseId);
    }

    private async Task DoAsync(DurableRuntime runtime, Guid instanceId, string elementId, Actor actor, TaskCompletion completion)
    {
        var task = (await Load(runtime, instanceId)).Tasks.Single(t => t.ElementId == elementId);
        Ok(await runtime.ClaimAsync(task.Id, actor, Ct));
        Ok(await runtime.CompleteAsync(task.Id, completion, actor, Ct));
        Clock.Now += TimeSpan.FromMinutes(1);
    }

    private static async Task<ProcessInstance> Load(DurableRuntime runtime, Guid id) => Ok(await runtime.GetAsync(id, Ct)).Instance;

    private static T Ok<T>(DurableResult<T> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? null : $"{result.Error.Code}: {result.Error.Message}");
        return result.Value;
    }

    private static LedgerTraceReader Reader(Ran ran) => new(ran.Stores.Database.Contexts, new CaseTraceBuilder(["reviewer", "approver"]));

    [Fact]
    public async Task Trace_NamesTheAnswerablePersonAtEveryStep_AcrossTheCallerAndTheCase()
    {
        var ran = await RunAsync();

        var traced = await Reader(ran).TraceAsync(ran.Case, cancellationToken: Ct);

        Assert.NotNull(traced);
        Assert.True(traced.Verification.Ok, traced.Verification.FirstProblem?.Message);
        Assert.Equal(2, traced.Verification.Streams);
        Assert.Empty(traced.Warnings);
        Assert.Equal([("incident", (Guid?)null, (string?)null), ("p", ran.Incident, "call")],
            traced.Trace.Instances.Select(i => (i.ProcessId, i.ParentId, i.CalledFrom)));
        Assert.Equal(
        [
            ("Register", "li.call", TraceAnswerable.Completed),
            ("Handle", "li.officer", TraceAnswerable.Completed),
            ("Review", "zhao.head", TraceAnswerable.Overridden),
            ("Approve", "zhao.head", TraceAnswerable.Override),
            ("Archive", null, TraceAnswerable.Unclaimed),
        ], traced.Trace.Steps.Select(s => (s.ElementId, s.Answerable, s.AnswerableBasis)));
        var review = traced.Trace.Steps.Single(s => s.ElementId == "Review");
        Assert.Equal(("wang.legal", "legal-officer", "reviewer", false, "evidence", "缺少证人证言"),
            (review.CompletedBy!.Id, review.CompletedBy.Role, review.Duty, review.Forward, review.ReasonCode, review.Reason));
        Assert.Equal(("wang.legal", "Review", "return", "zhao.head"), (review.Override!.From, review.Override.FromStep, review.Override.FromOutcome, review.Override.To));
        // Field level: the case's summary replaced the caller's copy; the reviewer returned it and the head approved it over the return.
        var summary = traced.Trace.Fields.Single(f => f.Name == "summary").Values;
        Assert.Equal([("Register", "li.call"), ("Handle", "li.officer")], summary.Select(v => (v.Step, v.Answerable)));
        Assert.Equal(("邻里纠纷", "张三殴打李四"), (summary[1].Before!.Value.GetString(), summary[1].After!.Value.GetString()));
        Assert.Equal([("Review", "wang.legal", "zhao.head"), ("Approve", "zhao.head", "zhao.head")],
            summary[1].Checks.Select(c => (c.Step, c.By.Id, c.Answerable)));
    }

    [Fact]
    public async Task Trace_IsTheSameCase_FromEitherInstanceAndByBusinessKey_AndNarrowsToAField()
    {
        var ran = await RunAsync();
        var reader = Reader(ran);

        var fromCaller = await reader.TraceAsync(ran.Incident, cancellationToken: Ct);
        var byKey = await reader.TraceByBusinessKeyAsync("J-2026-7", cancellationToken: Ct);
        var field = await reader.TraceAsync(ran.Incident, new TraceFilter(Field: "summary"), Ct);

        Assert.Equal(5, fromCaller!.Trace.Steps.Count);
        Assert.Equal(fromCaller.Trace.Steps.Select(s => s.TaskId), byKey!.Trace.Steps.Select(s => s.TaskId));
        Assert.Equal(["Register", "Handle", "Review", "Approve"], field!.Trace.Steps.Select(s => s.ElementId));
        Assert.Null(await reader.TraceAsync(Guid.NewGuid(), cancellationToken: Ct));
        Assert.Null(await reader.TraceByBusinessKeyAsync("no-such-key", cancellationToken: Ct));
    }

    [Fact]
    public async Task Trace_FollowsTheLedgerAndWarns_WhenTheInstanceIndexNoLongerListsTheCalledInstance()
    {
        var ran = await RunAsync();
        await using (var db = await ran.Stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            // The index is mutable state: a bad migration or a hand edit can lose a case's caller there, not in the record.
            await db.Database.ExecuteSqlAsync($"UPDATE instances SET parent_instance_id = NULL WHERE id = {ran.Case}", Ct);
        }

        var traced = await Reader(ran).TraceAsync(ran.Incident, cancellationToken: Ct);

        Assert.True(traced!.Verification.Ok, traced.Verification.FirstProblem?.Message);
        Assert.Equal([ran.Incident, ran.Case], traced.Trace.Instances.Select(i => i.Id));
        Assert.Equal(5, traced.Trace.Steps.Count);
        var warning = Assert.Single(traced.Warnings);
        Assert.Contains($"The ledger of {ran.Incident} records calling {ran.Case}, but the instance index does not list", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_LeavesTheInstanceOutAndWarns_WhenOnlyTheIndexSaysItWasCalled()
    {
        var ran = await RunAsync();
        await using (var db = await ran.Stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            await DisableAppendOnlyAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM ledger WHERE instance_id = {ran.Incident} AND kind = 'called'", Ct);
        }
        var reader = Reader(ran);

        var fromCaller = await reader.TraceAsync(ran.Incident, cancellationToken: Ct);
        var fromCase = await reader.TraceAsync(ran.Case, cancellationToken: Ct);

        // From the caller the record leads nowhere: the case is left out, the index's claim reported, the deletion detected.
        Assert.False(fromCaller!.Verification.Ok);
        Assert.Equal([ran.Incident], fromCaller.Trace.Instances.Select(i => i.Id));
        Assert.Contains(fromCaller.Warnings, w => w.Contains($"the trace leaves {ran.Case} out", StringComparison.Ordinal));
        // From the case its own started entry still names the caller, whose record does not name the call: both ends are shown.
        Assert.Equal([ran.Incident, ran.Case], fromCase!.Trace.Instances.Select(i => i.Id));
        Assert.Null(fromCase.Trace.Instances[1].CalledFrom);
        Assert.Equal([$"The ledger of {ran.Case} names {ran.Incident} as its caller, but the ledger of {ran.Incident} records no such call."],
            fromCase.Warnings);
    }

    [Fact]
    public async Task Trace_SaysTheLedgerDoesNotVerify_WhenAnEntryOfTheCaseWasEdited()
    {
        var ran = await RunAsync();
        await using (var db = await ran.Stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            await DisableAppendOnlyAsync(db);
            var entry = await db.Ledger.Where(l => l.InstanceId == ran.Case && l.Kind == "task-completed" && l.ElementId == "Review").Select(l => l.Id).SingleAsync(Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE ledger SET actor = 'someone.else' WHERE id = {entry}", Ct);
        }

        var traced = await Reader(ran).TraceAsync(ran.Incident, cancellationToken: Ct);

        Assert.False(traced!.Verification.Ok);
        Assert.Equal((LedgerProblems.Altered, ran.Case), (traced.Verification.FirstProblem!.Code, traced.Verification.FirstProblem.Stream));
        Assert.Equal("someone.else", traced.Trace.Steps.Single(s => s.ElementId == "Review").CompletedBy!.Id); // shown as stored, flagged as not verifying
    }
}
