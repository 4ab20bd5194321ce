using Workflow.Activities.Rules;
using Workflow.Engine.Runtime;
using static Workflow.Activities.Tests.Rules.RuleHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Activities.Tests.Rules;

public class ParentRequiredRuleTests
{
    private static string Child(string requiresParent) => $"""
        {Header}
          <bpmn:process id="police-case" isExecutable="true" wf:requiresParent="{requiresParent}">
            <bpmn:startEvent id="cs" /><bpmn:userTask id="Intake" /><bpmn:endEvent id="ce" />
            {Flow("c0", "cs", "Intake")}{Flow("c1", "Intake", "ce")}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Parent(string processId) => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="police-case" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "call")}{Flow("f1", "call", "e")}
        """, processId: processId);

    [Theory]
    [InlineData("true")]
    [InlineData("police-incident")]
    public async Task StartAsync_IsRefused_WhenAProcessThatNeedsAParentIsStartedOnItsOwn(string requiresParent)
    {
        var h = new RuleHarness();
        await h.DeployAsync(Child(requiresParent));

        var refused = await h.Runtime().StartAsync("police-case", Person("li", "officer"), businessKey: "A-1", cancellationToken: Ct);

        Assert.Equal((ParentRequiredRule.Code, "parent-required"), (refused.Error?.Code, refused.Error?.Rule));
        Assert.Empty(await h.Store.FindByBusinessKeyAsync("A-1", Ct));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("other police-incident")]
    public async Task StartAsync_StartsTheChild_WhenItsParentCallsIt(string requiresParent)
    {
        var h = new RuleHarness();
        await h.DeployAsync(Child(requiresParent));
        await h.DeployAsync(Parent("police-incident"));

        var parent = Ok(await h.Runtime().StartAsync("police-incident", Person("li", "call-taker"), cancellationToken: Ct));

        Assert.Empty(parent.Incidents);
        var child = (await h.Store.LoadAsync(parent.Called![0], Ct))!.Instance;
        Assert.Equal((parent.Id, "Intake"), (child.ParentInstanceId, child.Tasks[0].ElementId));
    }

    [Fact]
    public async Task CallActivity_FailsWithAnIncident_WhenTheCallerIsNotAnAllowedParent()
    {
        var h = new RuleHarness();
        await h.DeployAsync(Child("police-incident"));
        await h.DeployAsync(Parent("walk-in"));

        var parent = Ok(await h.Runtime().StartAsync("walk-in", Person("li", "duty-officer"), cancellationToken: Ct));

        var incident = Assert.Single(parent.Incidents);
        Assert.Contains("starts only from police-incident, not from 'walk-in'", incident.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, parent.Status);
    }

    [Fact]
    public async Task StartAsync_IgnoresTheRule_WhenTheProcessDoesNotNeedAParent()
    {
        var h = new RuleHarness();
        await h.DeployAsync(Child("false"));

        Assert.Equal("Intake", Ok(await h.Runtime().StartAsync("police-case", Person("li", "officer"), cancellationToken: Ct)).Tasks[0].ElementId);
    }
}
