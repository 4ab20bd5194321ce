using Workflow.Activities.Rules;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Activities.Tests.Rules.RuleHarness;

namespace Workflow.Activities.Tests.Rules;

public class DecidingLevelRuleTests
{
    private static readonly Actor UnitHead = Actor.Person("gao.head", ["unit-head"], "east");
    private static readonly Actor CountyHead = Actor.Person("xu.county", ["county-head"], "bureau");

    /// <summary>A bare approval step, typed from the catalogue (roles unit-head or county-head), over a proposal.</summary>
    private static async Task<(DurableRuntime Runtime, Guid Task)> ApprovalAsync(string proposedDecision, double? fine = null)
    {
        var h = new RuleHarness();
        var result = Bpmn.Import(Bpmn.Chain("""<bpmn:userTask id="approve" wf:type="police.approval" />"""));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        await h.Definitions.DeployAsync(result.Document!, Ct);
        var runtime = h.Runtime();
        var started = Ok(await runtime.StartAsync("p", UnitHead, variables: new Dictionary<string, object?> { ["proposedDecision"] = proposedDecision, ["fineAmount"] = fine }, cancellationToken: Ct));
        return (runtime, started.Tasks[0].Id);
    }

    private static TaskCompletion Approve => new() { Outcome = "approve", Data = new Dictionary<string, object?> { ["approvalOpinion"] = "同意" } };

    [Fact]
    public async Task CompleteAsync_IsRefused_WhenAUnitHeadApprovesADetention()
    {
        var (runtime, task) = await ApprovalAsync("detention");
        Ok(await runtime.ClaimAsync(task, UnitHead, Ct));

        var refused = await runtime.CompleteAsync(task, Approve, UnitHead, Ct);

        Assert.Equal((DecidingLevelRule.Code, "deciding-level"), (refused.Error?.Code, refused.Error?.Rule));
        var problem = Assert.Single(refused.Error!.Problems);
        Assert.Contains("县级以上", problem.Translations["zh-CN"], StringComparison.Ordinal);
        Ok(await runtime.UnclaimAsync(task, UnitHead, Ct));
        Ok(await runtime.ClaimAsync(task, CountyHead, Ct));
        Assert.Equal(InstanceStatus.Completed, Ok(await runtime.CompleteAsync(task, Approve, CountyHead, Ct)).Status);
    }

    [Theory]
    [InlineData("warning", null)]
    [InlineData("fine", 200d)]
    public async Task CompleteAsync_LetsAUnitHeadApprove_WhenTheDecisionIsWithinTheUnitsPower(string decision, double? fine)
    {
        var (runtime, task) = await ApprovalAsync(decision, fine);
        Ok(await runtime.ClaimAsync(task, UnitHead, Ct));

        Assert.Equal(InstanceStatus.Completed, Ok(await runtime.CompleteAsync(task, Approve, UnitHead, Ct)).Status);
    }
}
