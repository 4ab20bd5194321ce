using Workflow.Activities.Rules;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using static Workflow.Activities.Tests.Rules.RuleHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Activities.Tests.Rules;

public class AuxiliaryNotOwnerRuleTests
{
    private static string Steps(string attributes) => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" wf:roles="officer,auxiliary" wf:unit="'east'" {attributes} /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """);

    private static async Task<(DurableRuntime Runtime, Guid Task)> OpenTaskAsync(string attributes, IEnumerable<string>? enforcementTypes = null)
    {
        var h = new RuleHarness();
        await h.DeployAsync(Steps(attributes));
        var runtime = h.Runtime(enforcementTypes);
        var instance = Ok(await runtime.StartAsync("p", Person("call-taker-1", "call-taker"), cancellationToken: Ct));
        return (runtime, instance.Tasks[0].Id);
    }

    [Fact]
    public async Task ClaimAsync_IsRefused_WhenAnAuxiliaryOnlyTakesAnEnforcementStep()
    {
        var (runtime, task) = await OpenTaskAsync("""wf:enforcement="true" """);

        var refused = await runtime.ClaimAsync(task, Person("zhou.aux", "auxiliary"), Ct);

        Assert.Equal((AuxiliaryNotOwnerRule.Code, "auxiliary-not-owner"), (refused.Error?.Code, refused.Error?.Rule));
        Assert.Contains("enforcement step 't'", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("officer", "auxiliary")]
    public async Task ClaimAsync_IsAllowed_WhenThePersonIsAPoliceOfficer(params string[] roles)
    {
        var (runtime, task) = await OpenTaskAsync("""wf:enforcement="true" """);

        Assert.Equal("li", Ok(await runtime.ClaimAsync(task, Person("li", roles), Ct)).Tasks[0].Assignee);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""wf:enforcement="false" """)]
    public async Task ClaimAsync_IsAllowed_ForAnAuxiliary_WhenTheStepIsNoEnforcementStep(string attributes)
    {
        var (runtime, task) = await OpenTaskAsync(attributes);

        var done = Ok(await runtime.ClaimAsync(task, Person("zhou.aux", "auxiliary"), Ct));
        Assert.Equal(InstanceStatus.Completed, Ok(await runtime.CompleteAsync(task, TaskCompletion.Empty, Person("zhou.aux", "auxiliary"), Ct)).Status);
        Assert.Equal("zhou.aux", done.Tasks[0].Assignee);
    }

    [Fact]
    public async Task ClaimAsync_IsRefused_WhenTheActivityTypeIsGivenAsEnforcement()
    {
        var (runtime, task) = await OpenTaskAsync("""wf:type="intake" """, ["intake"]);

        Assert.Equal(AuxiliaryNotOwnerRule.Code, (await runtime.ClaimAsync(task, Person("zhou.aux", "auxiliary"), Ct)).Error?.Code);
    }

    [Fact]
    public async Task AcceptOfferAsync_IsRefused_WhenAnOfficerHandsAnEnforcementStepToAnAuxiliary()
    {
        var (runtime, task) = await OpenTaskAsync("""wf:enforcement="true" """);
        var officer = Person("li", "officer");
        Ok(await runtime.ClaimAsync(task, officer, Ct));
        Ok(await runtime.OfferAsync(task, "zhou.aux", "协助取证", officer, Ct));

        var refused = await runtime.AcceptOfferAsync(task, Person("zhou.aux", "auxiliary"), Ct);

        Assert.Equal(AuxiliaryNotOwnerRule.Code, refused.Error?.Code);
        Ok(await runtime.WithdrawOfferAsync(task, officer, Ct));
    }
}
