using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.3: ownership changes only by offer and explicit acceptance; the sender stays answerable until then.</summary>
public abstract class HandoverCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    /// <summary>A case whose first task li.officer has claimed.</summary>
    private async Task<(DurableRuntime Runtime, Guid Instance, Guid Task)> ClaimedAsync()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        var task = instance.Tasks[0].Id;
        Ok(await runtime.ClaimAsync(task, People.Officer, Ct));
        return (runtime, instance.Id, task);
    }

    [Fact]
    public async Task OfferAsync_LeavesTheTaskWithTheSender_UntilTheRecipientAccepts()
    {
        var (runtime, instance, task) = await ClaimedAsync();

        var offered = Ok(await runtime.OfferAsync(task, "chen.officer", "调休", People.Officer, Ct)).Tasks[0];

        Assert.Equal("li.officer", offered.Assignee);
        Assert.Equal(("li.officer", "chen.officer", "调休"), (offered.Offer!.From, offered.Offer.To, offered.Offer.Reason));
        var accepted = Ok(await runtime.AcceptOfferAsync(task, People.Officer2, Ct)).Tasks[0];
        Assert.Equal("chen.officer", accepted.Assignee);
        Assert.Null(accepted.Offer);
        var lines = (await H.HistoryAsync(instance)).Where(l => l.Kind.StartsWith("handover-", StringComparison.Ordinal)).ToList();
        Assert.Equal([("handover-offered", "li.officer"), ("handover-accepted", "chen.officer")], lines.Select(l => (l.Kind, l.Actor!)));
        Assert.Contains("\"to\":\"chen.officer\"", lines[0].Data, StringComparison.Ordinal);
        await H.RefusedAsync(instance, () => runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer, Ct), AccountabilityErrors.NotAssignee);
        Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer2, Ct));
    }

    [Fact]
    public async Task OfferAsync_IsRefused_WhenTheActorDoesNotOwnTheTaskOrNamesNobodyElseOrAnOfferIsPending()
    {
        var (runtime, instance, task) = await ClaimedAsync();

        await H.RefusedAsync(instance, () => runtime.OfferAsync(task, "zhang.officer", null, People.Officer2, Ct), AccountabilityErrors.NotAssignee, RuleNames.Ownership);
        await H.RefusedAsync(instance, () => runtime.OfferAsync(task, "li.officer", null, People.Officer, Ct), AccountabilityErrors.OfferInvalid, RuleNames.Handover);
        await H.RefusedAsync(instance, () => runtime.OfferAsync(task, " ", null, People.Officer, Ct), AccountabilityErrors.OfferInvalid);
        Ok(await runtime.OfferAsync(task, "chen.officer", null, People.Officer, Ct));
        await H.RefusedAsync(instance, () => runtime.OfferAsync(task, "zhang.officer", null, People.Officer, Ct), AccountabilityErrors.OfferPending);
        await H.RefusedAsync(instance, () => runtime.UnclaimAsync(task, People.Officer, Ct), AccountabilityErrors.OfferPending);
    }

    [Fact]
    public async Task OfferAsync_IsRefusedWithTaskNotClaimed_WhenNobodyOwnsTheTask()
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());

        await H.RefusedAsync(instance.Id, () => runtime.OfferAsync(instance.Tasks[0].Id, "chen.officer", null, People.Officer, Ct), EngineErrors.TaskNotClaimed);
    }

    [Fact]
    public async Task AcceptOfferAsync_IsRefused_WhenSomeoneElseOrAnIneligibleRecipientAnswers()
    {
        var (runtime, instance, task) = await ClaimedAsync();
        await H.RefusedAsync(instance, () => runtime.AcceptOfferAsync(task, People.Officer2, Ct), AccountabilityErrors.NoOffer);
        Ok(await runtime.OfferAsync(task, "zhang.officer", null, People.Officer, Ct));

        await H.RefusedAsync(instance, () => runtime.AcceptOfferAsync(task, People.Officer2, Ct), AccountabilityErrors.NotOfferRecipient, RuleNames.Handover);
        // The recipient is an officer of another unit: the task belongs to unit east.
        await H.RefusedAsync(instance, () => runtime.AcceptOfferAsync(task, People.OfficerWest, Ct), AccountabilityErrors.WrongUnit, RuleNames.Eligibility);
    }

    [Fact]
    public async Task DeclineOfferAsync_NeedsAReason_AndLeavesTheTaskWithTheSender()
    {
        var (runtime, instance, task) = await ClaimedAsync();
        Ok(await runtime.OfferAsync(task, "chen.officer", null, People.Officer, Ct));

        await H.RefusedAsync(instance, () => runtime.DeclineOfferAsync(task, "  ", People.Officer2, Ct), EngineErrors.ReasonRequired, RuleNames.Handover);
        await H.RefusedAsync(instance, () => runtime.DeclineOfferAsync(task, "另有警情", People.Head, Ct), AccountabilityErrors.NotOfferRecipient);
        var declined = Ok(await runtime.DeclineOfferAsync(task, "另有警情", People.Officer2, Ct)).Tasks[0];

        Assert.Equal("li.officer", declined.Assignee);
        Assert.Null(declined.Offer);
        var line = Assert.Single(await H.HistoryAsync(instance), l => l.Kind == "handover-declined");
        Assert.Contains("\"reason\":\"另有警情\"", line.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawOfferAsync_IsTheSendersOnly_AndTheSenderMayStillCompleteWhileTheOfferIsOpen()
    {
        var (runtime, instance, task) = await ClaimedAsync();
        Ok(await runtime.OfferAsync(task, "chen.officer", null, People.Officer, Ct));

        await H.RefusedAsync(instance, () => runtime.WithdrawOfferAsync(task, People.Officer2, Ct), AccountabilityErrors.NotAssignee);
        Assert.Null(Ok(await runtime.WithdrawOfferAsync(task, People.Officer, Ct)).Tasks[0].Offer);
        await H.RefusedAsync(instance, () => runtime.WithdrawOfferAsync(task, People.Officer, Ct), AccountabilityErrors.NoOffer);

        Ok(await runtime.OfferAsync(task, "chen.officer", null, People.Officer, Ct));
        var done = Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, People.Officer, Ct));
        Assert.Equal("li.officer", Assert.Single(done.Completions!).By); // the sender was answerable, and acted
        Assert.Contains("handover-withdrawn", Kinds(await H.HistoryAsync(instance)).Select(k => k.Split(' ')[0]));
    }
}
