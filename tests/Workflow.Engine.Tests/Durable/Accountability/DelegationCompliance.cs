using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.15: acting for someone only inside an explicit, time-boxed delegation; the delegator stays visible.</summary>
public abstract class DelegationCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    /// <summary>chen.officer acting for li.officer.</summary>
    private static readonly Actor Deputy = Actor.Person("chen.officer", ["officer"], "east", actingFor: "li.officer");

    private Delegation Week(string from = "li.officer", string to = "chen.officer") =>
        new(from, to, H.Clock.Now.AddDays(-1), H.Clock.Now.AddDays(6));

    /// <summary>A case whose first task li.officer claimed before going on leave.</summary>
    private async Task<(DurableRuntime Runtime, Guid Instance, Guid Task)> ClaimedByDelegatorAsync()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        Ok(await runtime.ClaimAsync(instance.Tasks[0].Id, People.Officer, Ct));
        return (runtime, instance.Id, instance.Tasks[0].Id);
    }

    [Fact]
    public async Task CompleteAsync_IsRefusedWithDelegationInvalid_WithoutADelegation()
    {
        var (runtime, instance, task) = await ClaimedByDelegatorAsync();

        var error = await H.RefusedAsync(instance, () => runtime.CompleteAsync(task, TaskCompletion.Empty, Deputy, Ct), AccountabilityErrors.DelegationInvalid, RuleNames.Delegation);

        Assert.Contains("no delegation from li.officer to chen.officer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_IsRefusedWithDelegationInvalid_OutsideTheTimeBox()
    {
        var (runtime, instance, task) = await ClaimedByDelegatorAsync();
        H.Delegations.Add(new Delegation("li.officer", "chen.officer", H.Clock.Now.AddDays(-8), H.Clock.Now.AddDays(-1)));
        H.Delegations.Add(new Delegation("li.officer", "chen.officer", H.Clock.Now.AddHours(1), H.Clock.Now.AddDays(2)));

        await H.RefusedAsync(instance, () => runtime.CompleteAsync(task, TaskCompletion.Empty, Deputy, Ct), AccountabilityErrors.DelegationInvalid);

        H.Clock.Now = H.Clock.Now.AddHours(2); // the second delegation has begun
        Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, Deputy, Ct));
    }

    [Fact]
    public async Task CompleteAsync_RecordsBothPeople_WhenTheDeputyCompletesTheDelegatorsTask()
    {
        var (runtime, instance, task) = await ClaimedByDelegatorAsync();
        H.Delegations.Add(Week());

        var done = Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, Deputy, Ct));

        var record = Assert.Single(done.Completions!);
        Assert.Equal(("chen.officer", "li.officer"), (record.By, record.ActingFor));
        Assert.Equal("chen.officer", Assert.Single(await H.HistoryAsync(instance), l => l.Kind == "task-completed").Actor);
        // The step counts as both people's.
        Assert.True(record.Involves("li.officer") && record.Involves("chen.officer"));
    }

    [Fact]
    public async Task ClaimAsync_ClaimsInTheDelegatorsName_AndTheDelegationCountsForSeparationOfDuties()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        H.Delegations.Add(Week());

        Assert.Equal("li.officer", Ok(await runtime.ClaimAsync(instance.Tasks[0].Id, Deputy, Ct)).Tasks[0].Assignee);
        Ok(await runtime.CompleteAsync(instance.Tasks[0].Id, TaskCompletion.Empty, Deputy, Ct));

        // li.officer's handling was done by chen.officer: neither may review it, even holding the legal-officer role.
        var review = await H.TaskAsync(instance.Id, "Review");
        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(review.Id, Actor.Person("li.officer", ["legal-officer"]), Ct), AccountabilityErrors.SeparationOfDuties);
        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(review.Id, Actor.Person("chen.officer", ["legal-officer"]), Ct), AccountabilityErrors.SeparationOfDuties);
    }

    [Fact]
    public async Task ClaimAsync_UsesTheRolesAndUnitTheDelegationGrants_AndOnlyForThoseRoles()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer);
        await H.CompleteAsync(runtime, instance.Id, "Review", "pass", People.Legal);
        var approve = await H.TaskAsync(instance.Id, "Approve");
        // A deputy head from another unit, acting for the head of unit east.
        var deputyHead = Actor.Person("wu.deputy", ["officer"], "west", actingFor: "zhao.head");
        H.Delegations.Add(new Delegation("zhao.head", "wu.deputy", H.Clock.Now.AddDays(-1), H.Clock.Now.AddDays(1)) { Roles = ["legal-officer"], Unit = "east" });

        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(approve.Id, deputyHead, Ct), AccountabilityErrors.DelegationInvalid);

        H.Delegations.Add(new Delegation("zhao.head", "wu.deputy", H.Clock.Now.AddDays(-1), H.Clock.Now.AddDays(1)) { Roles = ["unit-head"], Unit = "east" });
        Assert.Equal("zhao.head", Ok(await runtime.ClaimAsync(approve.Id, deputyHead, Ct)).Tasks[0].Assignee);
        Ok(await runtime.CompleteAsync(approve.Id, new TaskCompletion { Outcome = "approve" }, deputyHead, Ct));
    }
}
