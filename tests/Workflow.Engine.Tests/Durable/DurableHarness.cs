using Workflow.Engine.Activities;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Durable;

/// <summary>In-memory stores on a virtual clock, and runtimes over them (several runtimes over one store play several nodes or a restart).</summary>
internal sealed class DurableHarness
{
    public DurableHarness() => Definitions = new InMemoryDefinitionStore(Clock);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public VirtualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    public InMemoryDefinitionStore Definitions { get; }
    public InMemoryInstanceStore Store { get; } = new();
    public ActivityRegistry Activities { get; } = new();

    public DurableRuntime Runtime(IInstanceStore? store = null, int maxCallDepth = 32) =>
        new(Definitions, store ?? Store, new DurableRuntimeOptions { Clock = Clock, Activities = Activities, MaxCallDepth = maxCallDepth });

    public async Task<IReadOnlyList<DeployedDefinition>> DeployAsync(string xml) => await Definitions.DeployAsync(TestBpmn.Document(xml), Ct);

    public static async Task<ProcessInstance> StartAsync(DurableRuntime runtime, string processId = "p", string? businessKey = null,
        Dictionary<string, object?>? variables = null, int? version = null)
    {
        var result = await runtime.StartAsync(processId, version, businessKey, variables, "tester", Ct);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public async Task<StoredInstance> LoadAsync(Guid id) => await Store.LoadAsync(id, Ct) ?? throw new InvalidOperationException($"no instance {id}");

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id) => await Store.LoadHistoryAsync(id, Ct);

    /// <summary>Completes the single open task with this element id in a stored instance.</summary>
    public async Task<ProcessInstance> CompleteAsync(DurableRuntime runtime, Guid instanceId, string elementId, string? outcome = null, string actor = "officer-1")
    {
        var task = (await LoadAsync(instanceId)).Instance.Tasks.Single(t => t.ElementId == elementId);
        var result = await runtime.CompleteAsync(task.Id, new TaskCompletion { Outcome = outcome }, actor, Ct);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public static string[] Kinds(IEnumerable<HistoryEntry> history) => history.Select(h => h.ElementId is null ? h.Kind : $"{h.Kind} {h.ElementId}").ToArray();
}
