using Workflow.Activities.Rules;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;

namespace Workflow.Activities.Tests.Scenario;

/// <summary>
/// The product's configuration in memory: the shipped flows imported with the activity catalogue, a durable runtime with the
/// police rules, and a clock that moves a minute per step. Steps are addressed by element id across the incident and the
/// cases it called; their data is the activity's sample (changed where a test says).
/// </summary>
internal sealed class ScenarioHarness
{
    private ScenarioHarness(ScenarioDatabase? database)
    {
        Database = database;
        Definitions = database is null ? new InMemoryDefinitionStore(Clock) : database.Definitions(Clock);
        Store = database is null ? new InMemoryInstanceStore() : database.Instances(Definitions, Clock);
        Runtime = new DurableRuntime(Definitions, Store, new DurableRuntimeOptions { Clock = Clock, Rules = PoliceRules.Create(), Delegations = Delegations });
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public VirtualClock Clock { get; } = new(Samples.Now);
    public IDefinitionStore Definitions { get; }
    public IInstanceStore Store { get; }
    public InMemoryDelegationSource Delegations { get; } = new();

    /// <summary>The SQLite file the stores write to, when the harness runs on one (its ledger is the real one).</summary>
    public ScenarioDatabase? Database { get; }
    public DurableRuntime Runtime { get; }
    public Guid IncidentId { get; private set; }

    /// <summary>The harness in memory, or on <paramref name="database"/> (a migrated SQLite file) when given.</summary>
    public static async Task<ScenarioHarness> CreateAsync(ScenarioDatabase? database = null)
    {
        var harness = new ScenarioHarness(database);
        foreach (var file in ShippedFlows.Files)
        {
            await harness.Definitions.DeployAsync(ShippedFlows.Document(file), Ct);
        }
        return harness;
    }

    public async Task StartIncidentAsync(Actor callTaker) =>
        IncidentId = Ok(await Runtime.StartAsync("police-incident", callTaker, businessKey: Samples.Incident, cancellationToken: Ct)).Id;

    /// <summary>The instance the incident called (the case), by process id.</summary>
    public async Task<ProcessInstance> CaseAsync(string processId)
    {
        foreach (var id in (await InstanceAsync(IncidentId)).Called ?? [])
        {
            if (await InstanceAsync(id) is { ProcessId: var p } called && p == processId)
            {
                return called;
            }
        }
        throw new InvalidOperationException($"the incident called no {processId}");
    }

    public async Task<ProcessInstance> InstanceAsync(Guid id) => Ok(await Runtime.GetAsync(id, Ct)).Instance;

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id) => Ok(await Runtime.GetAsync(id, Ct)).History;

    /// <summary>The one open task with this element id, in the incident or any instance it called.</summary>
    public async Task<(ProcessInstance Instance, WorkItem Task)> OpenAsync(string elementId)
    {
        var found = new List<(ProcessInstance, WorkItem)>();
        var pending = new Queue<Guid>([IncidentId]);
        while (pending.TryDequeue(out var id))
        {
            var instance = await InstanceAsync(id);
            found.AddRange(instance.Tasks.Where(t => t.ElementId == elementId).Select(t => (instance, t)));
            foreach (var called in instance.Called ?? [])
            {
                pending.Enqueue(called);
            }
        }
        Assert.True(found.Count == 1, $"expected one open {elementId}, found {found.Count}");
        return found[0];
    }

    public async Task<Guid> TaskIdAsync(string elementId) => (await OpenAsync(elementId)).Task.Id;

    public async Task<DurableResult<ProcessInstance>> ClaimAsync(string elementId, Actor actor) =>
        await Runtime.ClaimAsync(await TaskIdAsync(elementId), actor, Ct);

    /// <summary>
    /// Completes the step with its activity's sample for <paramref name="outcome"/>; a change with a null value removes a field.
    /// <paramref name="reasonCode"/> and <paramref name="reason"/> null take the sample's when the outcome needs them.
    /// </summary>
    public async Task<DurableResult<ProcessInstance>> CompleteAsync(string elementId, Actor actor, string? outcome = null,
        string? reasonCode = null, string? reason = null, params (string Key, object? Value)[] changes)
    {
        var (instance, task) = await OpenAsync(elementId);
        var spec = (await Definitions.FindAsync(instance.ProcessId, instance.Version, Ct))!.Definition.Nodes[task.Node].Task;
        var data = Samples.For(spec.ActivityType!, outcome);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value;
            }
        }
        var needsReason = outcome is not null && spec.FindOutcome(outcome)?.RequiresReason == true;
        var result = await Runtime.CompleteAsync(task.Id, new TaskCompletion
        {
            Outcome = outcome,
            ReasonCode = reasonCode ?? (needsReason ? Samples.ReasonCodeFor(spec.ActivityType!, outcome) : null),
            Reason = reason ?? (needsReason ? Samples.Reason : null),
            Data = data,
        }, actor, Ct);
        Clock.Now += TimeSpan.FromMinutes(1);
        return result;
    }

    /// <summary>Claims and completes the step as one person would.</summary>
    public async Task DoAsync(string elementId, Actor actor, string? outcome = null, params (string Key, object? Value)[] changes)
    {
        Ok(await ClaimAsync(elementId, actor));
        Ok(await CompleteAsync(elementId, actor, outcome, changes: changes));
    }

    public static T Ok<T>(DurableResult<T> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? null : $"{result.Error.Code} ({result.Error.Rule}): {result.Error.Message}");
        return result.Value;
    }
}
