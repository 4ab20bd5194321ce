using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Durable.Accountability.AccountabilityFlows;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>The rule extension point: the product's rules see every transition with its case, and a refusal names the rule and changes nothing.</summary>
public abstract class TransitionRuleCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    [Fact]
    public async Task ClaimAsync_IsRefusedByARegisteredRule_WithItsCodeAndName_AndNothingChanges()
    {
        H.Rules.Add(new RefuseRule(TransitionKind.Claim, "night-shift-only"));
        await H.DeployAsync(Case());
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, variables: InUnit());

        var error = await H.RefusedAsync(instance.Id, () => runtime.ClaimAsync(instance.Tasks[0].Id, People.Officer, Ct), "night-shift-only", "refuse-claim");

        Assert.Equal("refused by test: claim of Handle", error.Message);
    }

    [Fact]
    public async Task Rules_SeeTheTransitionWithTheActorsRolesAndTheWholeCase()
    {
        var seen = new RecordingRule();
        H.Rules.Add(seen);
        await H.DeployAsync(Called);
        await H.DeployAsync(Caller);
        var runtime = H.Runtime();
        var caller = await StartAsync(runtime);
        var afterHandle = await H.CompleteAsync(runtime, caller.Id, "Handle", actor: People.Officer);
        var childId = afterHandle.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;
        await H.CompleteAsync(runtime, childId, "Review", actor: People.Legal);

        Assert.Equal(
            ["Start p -", "Claim p Handle", "Complete p Handle", "Start review -", "Claim review Review", "Complete review Review"],
            seen.Seen.Select(s => s.Line));
        Assert.Equal(caller.Id, seen.Seen[3].Parent); // the called start names its caller
        Assert.Equal(2, seen.Seen[5].CaseSize);     // the review sees its caller in the case
        Assert.Equal(["legal-officer"], seen.Seen[5].Roles);
    }

    [Fact]
    public async Task StartAsync_IsRefusedByARule_AndSavesNothing()
    {
        H.Rules.Add(new RefuseRule(TransitionKind.Start, "closed-for-maintenance"));
        await H.DeployAsync(Case());

        var result = await H.Runtime().StartAsync("p", Actors.Tester, businessKey: "J-9", variables: InUnit(), cancellationToken: Ct);

        Assert.Equal(("closed-for-maintenance", "refuse-start"), (result.Error?.Code, result.Error?.Rule));
        Assert.Empty(await H.Store.FindByBusinessKeyAsync("J-9", Ct));
    }

    [Fact]
    public async Task CallActivity_FailsWithAnIncident_WhenARuleRefusesTheCalledStart()
    {
        H.Rules.Add(new RefuseRule(TransitionKind.Start, "no-review-today", process: "review"));
        await H.DeployAsync(Called);
        await H.DeployAsync(Caller);
        var runtime = H.Runtime();
        var caller = await StartAsync(runtime);

        var after = await H.CompleteAsync(runtime, caller.Id, "Handle", actor: People.Officer);

        var incident = Assert.Single(after.Incidents);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains("refused by test: start of review", incident.Message, StringComparison.Ordinal);
        Assert.Single(after.Called!);
        Assert.Null(await H.Store.LoadAsync(after.Called![0], Ct)); // the called instance was never created
    }

    private sealed class RefuseRule(TransitionKind kind, string code, string? process = null) : ITransitionRule
    {
        public string Name => $"refuse-{kind.ToString().ToLowerInvariant()}";

        public ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.Kind == kind && (process is null || context.Definition.Id == process)
                ? new EngineError(code, $"refused by test: {kind.ToString().ToLowerInvariant()} of {context.Node?.Id ?? context.Definition.Id}")
                : null);
    }

    private sealed class RecordingRule : ITransitionRule
    {
        public List<(string Line, Guid? Parent, int CaseSize, IReadOnlyList<string> Roles)> Seen { get; } = [];

        public string Name => "recording";

        public async ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken)
        {
            var @case = await context.CaseAsync(cancellationToken);
            Seen.Add(($"{context.Kind} {context.Definition.Id} {context.Node?.Id ?? "-"}", context.ParentInstanceId, @case.Count, context.Roles));
            return null;
        }
    }
}
