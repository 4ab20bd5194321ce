using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>DOMAIN.md §4.5–4.6: a coded reason and a text where required; an approver overruling a reviewer justifies it and owns the outcome.</summary>
public abstract class OverrideAndReasonCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    /// <summary>A case at Approve, after the legal officer decided <paramref name="review"/>.</summary>
    private async Task<(DurableRuntime Runtime, Guid Instance, Guid Approve)> ReviewedAsync(string review)
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer);
        var completion = review == "pass"
            ? new TaskCompletion { Outcome = "pass" }
            : new TaskCompletion { Outcome = review, ReasonCode = "evidence", Reason = "缺少证人证言" };
        await H.CompleteAsync(runtime, instance.Id, "Review", actor: People.Legal, completion: completion);
        var approve = await H.TaskAsync(instance.Id, "Approve");
        Ok(await runtime.ClaimAsync(approve.Id, People.Head, Ct));
        return (runtime, instance.Id, approve.Id);
    }

    [Theory]
    [InlineData(null, "缺少证人证言", EngineErrors.ReasonCodeRequired)]
    [InlineData("hearsay", "缺少证人证言", EngineErrors.ReasonCodeUnknown)]
    [InlineData("evidence", "", EngineErrors.ReasonRequired)]
    public async Task CompleteAsync_IsRefused_WhenAReturnLacksItsCodedReason(string? code, string text, string expected)
    {
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());
        await H.CompleteAsync(runtime, instance.Id, "Handle", actor: People.Officer);
        var review = await H.TaskAsync(instance.Id, "Review");
        Ok(await runtime.ClaimAsync(review.Id, People.Legal, Ct));

        var completion = new TaskCompletion { Outcome = "return", ReasonCode = code, Reason = text };
        await H.RefusedAsync(instance.Id, () => runtime.CompleteAsync(review.Id, completion, People.Legal, Ct), expected);
    }

    [Fact]
    public async Task CompleteAsync_IsRefusedWithJustificationRequired_WhenTheApproverOverrulesAReturnWithoutOne()
    {
        var (runtime, instance, approve) = await ReviewedAsync("return");

        var error = await H.RefusedAsync(instance, () => runtime.CompleteAsync(approve, new TaskCompletion { Outcome = "approve" }, People.Head, Ct),
            AccountabilityErrors.JustificationRequired, RuleNames.Override);
        Assert.Contains("overrules the decision 'return' of wang.legal", error.Message, StringComparison.Ordinal);

        var wrongCode = new TaskCompletion { Outcome = "approve", ReasonCode = "evidence", Reason = "情节轻微" };
        await H.RefusedAsync(instance, () => runtime.CompleteAsync(approve, wrongCode, People.Head, Ct), AccountabilityErrors.JustificationRequired);
    }

    [Fact]
    public async Task CompleteAsync_ShiftsResponsibilityToTheApprover_WhenTheOverrideIsJustified()
    {
        var (runtime, instance, approve) = await ReviewedAsync("return");

        var justified = new TaskCompletion { Outcome = "approve", ReasonCode = "public-interest", Reason = "情节轻微，当事人已和解" };
        Ok(await runtime.CompleteAsync(approve, justified, People.Head, Ct));

        var history = await H.HistoryAsync(instance);
        var shift = Assert.Single(history, l => l.Kind == "responsibility-shifted");
        Assert.Equal(("Approve", "zhao.head"), (shift.ElementId, shift.Actor));
        Assert.Contains("\"from\":\"wang.legal\",\"fromStep\":\"Review\",\"fromOutcome\":\"return\",\"to\":\"zhao.head\"", shift.Data, StringComparison.Ordinal);
        Assert.Contains("\"reasonCode\":\"public-interest\"", shift.Data, StringComparison.Ordinal);
        // Right after the completion it explains.
        Assert.Equal("task-completed", history[history.ToList().IndexOf(shift) - 1].Kind);
    }

    [Fact]
    public async Task CompleteAsync_ApprovesWithoutJustification_WhenTheReviewerPassed()
    {
        var (runtime, instance, approve) = await ReviewedAsync("pass");

        Ok(await runtime.CompleteAsync(approve, new TaskCompletion { Outcome = "approve" }, People.Head, Ct));

        Assert.DoesNotContain(await H.HistoryAsync(instance), l => l.Kind == "responsibility-shifted");
    }
}
