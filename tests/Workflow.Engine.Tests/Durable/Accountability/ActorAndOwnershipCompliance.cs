using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.1–4.2: an authenticated person on every human transition; one eligible owner who claims before completing.</summary>
public abstract class ActorAndOwnershipCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private async Task<(DurableRuntime Runtime, ProcessInstance Instance)> StartCaseAsync()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        return (runtime, await StartAsync(runtime, variables: InUnit()));
    }

    public static TheoryData<string> NotPeople => ["none", "system"];

    private static Actor NotAPerson(string kind) => kind == "none" ? null! : Actor.System("escalation-rule");

    [Theory]
    [MemberData(nameof(NotPeople))]
    public async Task ClaimAndComplete_AreRefusedWithActorRequired_WhenNoPersonActs(string kind)
    {
        var (runtime, instance) = await StartCaseAsync();
        var task = instance.Tasks[0].Id;

        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(task, NotAPerson(kind), Ct), AccountabilityErrors.ActorRequired, RuleNames.AuthenticatedActor);
        Ok(await runtime.ClaimAsync(task, People.Officer, Ct));
        await H.RefusedAsync(instance.Id, () => runtime.CompleteAsync(task, TaskCompletion.Empty, NotAPerson(kind), Ct), AccountabilityErrors.ActorRequired);
        await H.RefusedAsync(instance.Id, () => runtime.UnclaimAsync(task, NotAPerson(kind), Ct), AccountabilityErrors.ActorRequired);
    }

    [Fact]
    public async Task StartAndAdministration_AreRefusedWithActorRequired_WhenNobodyActs_ButAcceptASystemComponent()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var refused = await runtime.StartAsync("p", null!, variables: InUnit(), cancellationToken: Ct);
        Assert.Equal(AccountabilityErrors.ActorRequired, refused.Error?.Code);

        var started = Ok(await runtime.StartAsync("p", Actor.System("110-gateway"), variables: InUnit(), cancellationToken: Ct));
        Assert.All(await H.HistoryAsync(started.Id), l => Assert.Equal("110-gateway", l.Actor));
        await H.RefusedAsync(started.Id, () => runtime.CancelAsync(started.Id, null!, Ct), AccountabilityErrors.ActorRequired);
        Ok(await runtime.CancelAsync(started.Id, Actors.Admin, Ct));
    }

    [Fact]
    public async Task ClaimAsync_IsRefusedWithNotCandidate_WhenThePersonHoldsNoneOfTheTaskRoles()
    {
        var (runtime, instance) = await StartCaseAsync();
        var task = instance.Tasks[0].Id;

        var error = await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(task, People.Legal, Ct), AccountabilityErrors.NotCandidate, RuleNames.Eligibility);

        Assert.Contains("officer, auxiliary", error.Message, StringComparison.Ordinal);
        Assert.Equal("li.officer", Ok(await runtime.ClaimAsync(task, People.Officer, Ct)).Tasks[0].Assignee);
    }

    [Fact]
    public async Task ClaimAsync_IsRefusedWithWrongUnit_WhenThePersonBelongsToAnotherUnit()
    {
        var (runtime, instance) = await StartCaseAsync();
        var task = instance.Tasks[0].Id;

        var error = await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(task, People.OfficerWest, Ct), AccountabilityErrors.WrongUnit, RuleNames.Eligibility);

        Assert.Contains("'east'", error.Message, StringComparison.Ordinal);
        Ok(await runtime.ClaimAsync(task, People.Officer2, Ct));
    }

    [Fact]
    public async Task CompleteAsync_IsRefusedWithTaskNotClaimed_UntilSomeoneClaimsTheTask()
    {
        var (runtime, instance) = await StartCaseAsync();
        var task = instance.Tasks[0].Id;

        await H.RefusedAsync(instance.Id, () => runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer, Ct), EngineErrors.TaskNotClaimed, RuleNames.Ownership);

        Ok(await runtime.ClaimAsync(task, People.Officer, Ct));
        Assert.Equal("Review", Assert.Single(Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer, Ct)).Tasks).ElementId);
    }

    [Fact]
    public async Task CompleteAndUnclaim_AreRefusedWithNotAssignee_WhenSomeoneElseOwnsTheTask()
    {
        var (runtime, instance) = await StartCaseAsync();
        var task = instance.Tasks[0].Id;
        Ok(await runtime.ClaimAsync(task, People.Officer, Ct));

        var error = await H.RefusedAsync(instance.Id, () => runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer2, Ct), AccountabilityErrors.NotAssignee);
        Assert.Contains("owned by li.officer", error.Message, StringComparison.Ordinal);
        await H.RefusedAsync(instance.Id, () => runtime.UnclaimAsync(task, People.Officer2, Ct), AccountabilityErrors.NotAssignee);
        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(task, People.Officer2, Ct), EngineErrors.TaskClaimed);

        Assert.Null(Ok(await runtime.UnclaimAsync(task, People.Officer, Ct)).Tasks[0].Assignee);
        Ok(await runtime.ClaimAsync(task, People.Officer2, Ct));
    }

    [Fact]
    public async Task CompleteAsync_RecordsWhoCompletedTheStep_AndEachFieldEditWithItsBeforeAndAfter()
    {
        var (runtime, instance) = await StartCaseAsync();
        var data = new Dictionary<string, object?> { ["summary"] = "打架斗殴", ["loss"] = 1200, ["unit"] = "east" };

        var after = await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer, completion: new TaskCompletion { Data = data });

        var done = Assert.Single(after.Completions!);
        Assert.Equal(("Handle", "li.officer", "handler", true), (done.ElementId, done.By, done.Duty, done.Forward));
        var line = Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "task-completed");
        Assert.Equal("li.officer", line.Actor);
        // The unit was submitted unchanged: not an edit. The new values are, with what was there before (nothing).
        Assert.Contains("\"fields\":[{\"name\":\"summary\",\"after\":\"打架斗殴\"},{\"name\":\"loss\",\"after\":1200}]", line.Data, StringComparison.Ordinal);

        var review = await H.TaskAsync(instance.Id, "Review");
        Ok(await runtime.ClaimAsync(review.Id, People.Legal, Ct));
        var edited = Ok(await runtime.CompleteAsync(review.Id, new TaskCompletion { Outcome = "pass", Data = new Dictionary<string, object?> { ["loss"] = 900 } }, People.Legal, Ct));
        Assert.Equal(["Handle", "Review"], edited.Completions!.Select(c => c.ElementId));
        var second = (await H.HistoryAsync(instance.Id)).Last(l => l.Kind == "task-completed");
        Assert.Contains("\"fields\":[{\"name\":\"loss\",\"before\":1200,\"after\":900}]", second.Data, StringComparison.Ordinal);
    }
}
