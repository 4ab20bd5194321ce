using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.4: handler ≠ reviewer ≠ approver on the same case (wf:separation, and wf:duty under strict separation).</summary>
public abstract class SeparationOfDutiesCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly Actor Both = Actor.Person("he.both", ["officer", "legal-officer"], "east");

    [Fact]
    public async Task ClaimAsync_IsRefused_WhenTheClaimerCompletedAStepListedInNotSameAs()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: Both);
        var review = await H.TaskAsync(instance.Id, "Review");

        var error = await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(review.Id, Both, Ct),
            AccountabilityErrors.SeparationOfDuties, RuleNames.SeparationOfDuties);

        Assert.Contains("completed 'Handle'", error.Message, StringComparison.Ordinal);
        Ok(await runtime.ClaimAsync(review.Id, People.Legal, Ct));
    }

    [Fact]
    public async Task CompleteAsync_IsRefused_WhenTheAssigneeCompletedTheListedStepAfterClaiming()
    {
        await H.DeployAsync(ParallelSteps);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var person = Actors.Person("u1");
        var b = await H.TaskAsync(instance.Id, "B");
        Ok(await runtime.ClaimAsync(b.Id, person, Ct)); // A is not done yet: the claim is allowed
        await H.CompleteAsync(runtime, instance.Id, "A", actor: person);

        await H.RefusedAsync(instance.Id, () => runtime.CompleteAsync(b.Id, TaskCompletion.Empty, person, Ct), AccountabilityErrors.SeparationOfDuties);

        Ok(await runtime.UnclaimAsync(b.Id, person, Ct));
        Assert.Equal(InstanceStatus.Completed, (await H.CompleteAsync(runtime, instance.Id, "B", actor: Actors.Person("u2"))).Status);
    }

    [Fact]
    public async Task ClaimAsync_IsRefused_WhenTheListedStepWasCompletedInTheCallingInstance()
    {
        await H.DeployAsync(Called);
        await H.DeployAsync(Caller);
        var runtime = H.Runtime();
        var caller = await StartAsync(runtime);
        var handler = Actors.Person("li.officer");
        var afterHandle = await H.CompleteAsync(runtime, caller.Id, "Handle", actor: handler);
        var childId = afterHandle.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;
        var review = await H.TaskAsync(childId, "Review");

        await H.RefusedAsync(childId, () => runtime.ClaimAsync(review.Id, handler, Ct), AccountabilityErrors.SeparationOfDuties);

        await H.CompleteAsync(runtime, childId, "Review", actor: Actors.Person("wang.legal"));
        // Back in the caller: Close names no separation, so the handler may do it.
        Assert.Equal(InstanceStatus.Completed, (await H.CompleteAsync(runtime, caller.Id, "Close", actor: handler)).Status);
    }

    [Fact]
    public async Task CompleteAsync_IsRefused_WhenTheReviewerWouldAlsoApprove_UnderStrictDutySeparation()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer);
        await H.CompleteAsync(runtime, instance.Id, "Review", "pass", People.LegalAndHead);
        var approve = await H.TaskAsync(instance.Id, "Approve");

        var error = await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(approve.Id, People.LegalAndHead, Ct), AccountabilityErrors.SeparationOfDuties);

        Assert.Contains("acted as reviewer at 'Review'", error.Message, StringComparison.Ordinal);
        await H.CompleteAsync(runtime, instance.Id, "Approve", "approve", People.Head);
    }

    [Fact]
    public async Task ClaimAsync_StillSeparatesDuties_AfterMigrationRenamedTheCompletedStep()
    {
        static string Version(string handle) => Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="{handle}" />
            <bpmn:userTask id="Review"><bpmn:extensionElements><wf:separation notSameAs="{handle}" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e" />{Flow("f0", "s", handle)}{Flow("f1", handle, "Review")}{Flow("f2", "Review", "e")}
            """);
        await H.DeployAsync(Version("Handle"));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);
        var handler = Actors.Person("li.officer");
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: handler);
        await H.DeployAsync(Version("Handling"));

        var migrated = Ok(await runtime.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["Handle"] = "Handling" }, Actors.Admin, Ct));

        Assert.Equal("Handling", Assert.Single(migrated.Completions!).ElementId);
        await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(migrated.Tasks[0].Id, handler, Ct), AccountabilityErrors.SeparationOfDuties);
    }

    [Fact]
    public async Task CompleteAsync_AllowsOnePersonInTwoDuties_WhenTheProcessDeclaresOnlyItsLists()
    {
        await H.DeployAsync(Case(dutySeparation: "declared"));
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer);
        await H.CompleteAsync(runtime, instance.Id, "Review", "pass", People.LegalAndHead);

        var approved = await H.CompleteAsync(runtime, instance.Id, "Approve", "approve", People.LegalAndHead);

        Assert.Equal(["Handle", "Review", "Approve"], approved.Completions!.Select(c => c.ElementId));
    }
}
