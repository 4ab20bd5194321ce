using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.8: decided records lock; corrections go through a linked amendment that is reviewed again.</summary>
public abstract class LockAndAmendmentCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static Dictionary<string, object?> Summary(string summary) => new() { ["summary"] = summary };

    /// <summary>A case whose summary the approval locked; it waits at Archive, claimed by li.officer.</summary>
    private async Task<(DurableRuntime Runtime, Guid Instance, Guid Archive)> ApprovedAsync()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer, completion: new TaskCompletion { Data = Summary("盗窃电动车") });
        await H.CompleteAsync(runtime, instance.Id, "Review", "pass", People.Legal);
        var approved = await H.CompleteAsync(runtime, instance.Id, "Approve", "approve", People.Head);
        Assert.Equal(["loss", "summary"], approved.Locks!.Keys.Order());
        Assert.Equal(("Approve", "east", "zhao.head"), (approved.Locks["summary"].ElementId, approved.Locks["summary"].Unit, approved.Locks["summary"].By));
        var archive = await H.TaskAsync(instance.Id, "Archive");
        Ok(await runtime.ClaimAsync(archive.Id, People.Officer, Ct));
        return (runtime, instance.Id, archive.Id);
    }

    [Fact]
    public async Task CompleteAsync_IsRefusedWithFieldLocked_WhenALaterStepChangesALockedVariable()
    {
        var (runtime, instance, archive) = await ApprovedAsync();

        var error = await H.RefusedAsync(instance, () => runtime.CompleteAsync(archive, new TaskCompletion { Data = Summary("盗窃自行车") }, People.Officer, Ct),
            AccountabilityErrors.FieldLocked, RuleNames.RecordLock);

        Assert.Contains("'summary' (locked by 'Approve'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_IsAllowed_WhenALockedVariableIsSubmittedUnchanged()
    {
        var (runtime, instance, archive) = await ApprovedAsync();
        var data = new Dictionary<string, object?> { ["summary"] = "盗窃电动车", ["shelf"] = "B-12" };

        var done = Ok(await runtime.CompleteAsync(archive, new TaskCompletion { Data = data }, People.Officer, Ct));

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("B-12", done.Variables["shelf"]);
    }

    [Fact]
    public async Task ProposeAmendmentAsync_IsRefused_ForUnlockedOrUnchangedVariablesOrWithoutACodedReason()
    {
        var (runtime, instance, _) = await ApprovedAsync();

        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, new Dictionary<string, object?> { ["shelf"] = "A-1" }, "typo", "录入错误", People.Officer, Ct),
            AccountabilityErrors.AmendmentInvalid, RuleNames.Amendment);
        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, Summary("盗窃电动车"), "typo", "录入错误", People.Officer, Ct),
            AccountabilityErrors.AmendmentInvalid);
        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, Summary("盗窃自行车"), " ", "录入错误", People.Officer, Ct),
            EngineErrors.ReasonCodeRequired);
        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, Summary("盗窃自行车"), "typo", "", People.Officer, Ct),
            EngineErrors.ReasonRequired);
        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, Summary("盗窃自行车"), "typo", "录入错误", Actor.System("batch"), Ct),
            AccountabilityErrors.ActorRequired);
    }

    [Fact]
    public async Task ApproveAmendmentAsync_AppliesTheCorrection_OnlyAfterAnEligibleOtherPersonReviewsIt_EvenOnAClosedCase()
    {
        var (runtime, instance, archive) = await ApprovedAsync();
        Ok(await runtime.CompleteAsync(archive, TaskCompletion.Empty, People.Officer, Ct)); // the case is closed
        var amendment = Ok(await runtime.ProposeAmendmentAsync(instance, Summary("盗窃自行车"), "typo", "录入错误", People.Officer, Ct));

        var pending = (await H.LoadAsync(instance)).Instance;
        Assert.Equal("盗窃电动车", pending.Variables["summary"]);
        Assert.Equal(AmendmentStatus.Pending, Assert.Single(pending.Amendments!).Status);
        await H.RefusedAsync(instance, () => runtime.ProposeAmendmentAsync(instance, Summary("盗窃三轮车"), "typo", "又错了", People.Officer2, Ct),
            AccountabilityErrors.AmendmentPending);
        await H.RefusedAsync(instance, () => runtime.ApproveAmendmentAsync(instance, amendment.Id, People.Officer, Ct), AccountabilityErrors.SeparationOfDuties);
        await H.RefusedAsync(instance, () => runtime.ApproveAmendmentAsync(instance, amendment.Id, People.Legal, Ct), AccountabilityErrors.NotCandidate);
        await H.RefusedAsync(instance, () => runtime.ApproveAmendmentAsync(instance, amendment.Id, Actor.Person("xu.head", ["unit-head"], "west"), Ct),
            AccountabilityErrors.WrongUnit);
        await H.RefusedAsync(instance, () => runtime.ApproveAmendmentAsync(instance, Guid.NewGuid(), People.Head, Ct), AccountabilityErrors.AmendmentNotFound);

        var applied = Ok(await runtime.ApproveAmendmentAsync(instance, amendment.Id, People.Head, Ct));

        Assert.Equal("盗窃自行车", applied.Variables["summary"]);
        Assert.Equal((AmendmentStatus.Applied, "zhao.head"), (applied.Amendments![0].Status, applied.Amendments[0].ReviewedBy));
        var history = await H.HistoryAsync(instance);
        Assert.Equal(["amendment-proposed", "amendment-applied"], history.TakeLast(2).Select(l => l.Kind));
        Assert.Contains("\"fields\":[{\"name\":\"summary\",\"before\":\"盗窃电动车\",\"after\":\"盗窃自行车\"}]", history[^1].Data, StringComparison.Ordinal);
        Assert.Equal("zhao.head", history[^1].Actor);
        await H.RefusedAsync(instance, () => runtime.ApproveAmendmentAsync(instance, amendment.Id, People.Head, Ct), AccountabilityErrors.AmendmentInvalid);
    }

    [Fact]
    public async Task RejectAmendmentAsync_NeedsACodedReason_AndChangesNothingButTheAmendment()
    {
        var (runtime, instance, _) = await ApprovedAsync();
        var amendment = Ok(await runtime.ProposeAmendmentAsync(instance, Summary("盗窃自行车"), "typo", "录入错误", People.Officer, Ct));

        await H.RefusedAsync(instance, () => runtime.RejectAmendmentAsync(instance, amendment.Id, "", "", People.Head, Ct), EngineErrors.ReasonRequired);
        var rejected = Ok(await runtime.RejectAmendmentAsync(instance, amendment.Id, "unfounded", "笔录与原记录一致", People.Head, Ct));

        Assert.Equal("盗窃电动车", rejected.Variables["summary"]);
        Assert.Equal(AmendmentStatus.Rejected, rejected.Amendments![0].Status);
        Assert.Equal("amendment-rejected", (await H.HistoryAsync(instance))[^1].Kind);
        // With nothing pending any more, a new proposal is possible.
        Ok(await runtime.ProposeAmendmentAsync(instance, Summary("盗窃三轮车"), "typo", "再次更正", People.Officer, Ct));
    }
}
