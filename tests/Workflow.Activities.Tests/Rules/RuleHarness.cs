using Workflow.Activities.Rules;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Activities.Tests.Rules;

/// <summary>A durable runtime in memory with the police rules registered.</summary>
internal sealed class RuleHarness
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public InMemoryDefinitionStore Definitions { get; } = new(TimeProvider.System);
    public InMemoryInstanceStore Store { get; } = new();

    public DurableRuntime Runtime(IEnumerable<string>? enforcementTypes = null) =>
        new(Definitions, Store, new DurableRuntimeOptions { Rules = PoliceRules.Create(enforcementTypes) });

    public async Task DeployAsync(string xml) => await Definitions.DeployAsync(TestBpmn.Document(xml), Ct);

    public static T Ok<T>(DurableResult<T> result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public static Actor Person(string id, params string[] roles) => Actor.Person(id, roles, "east");
}
