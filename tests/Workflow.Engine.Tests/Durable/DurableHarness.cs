using Workflow.Engine.Accountability;
using Workflow.Engine.Activities;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Durable;

/// <summary>
/// Stores on a test's database, a virtual clock, and runtimes over them. Several runtimes over <see cref="Store"/>
/// play several commands of one node; <see cref="NodeAsync"/> opens new store objects on the same database for
/// another node or a restart.
/// </summary>
internal sealed class DurableHarness
{
    private readonly IDurableStorage _storage;

    private DurableHarness(IDurableStorage storage, VirtualClock clock, DurableStores stores)
    {
        _storage = storage;
        Clock = clock;
        Definitions = stores.Definitions;
        Store = stores.Instances;
        Jobs = stores.Jobs;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public VirtualClock Clock { get; }
    public IDefinitionStore Definitions { get; }
    public IInstanceStore Store { get; }
    public ITimerJobStore Jobs { get; }
    public ActivityRegistry Activities { get; } = new();
    public InMemoryDelegationSource Delegations { get; } = new();
    public List<ITransitionRule> Rules { get; } = [];

    /// <summary>Opens the storage's fresh database.</summary>
    public static async Task<DurableHarness> OpenAsync(IDurableStorage storage)
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        return new DurableHarness(storage, clock, await storage.OpenAsync(clock));
    }

    public DurableRuntime Runtime(IInstanceStore? store = null, int maxCallDepth = 32) => Runtime(Definitions, store ?? Store, maxCallDepth);

    /// <summary>A runtime over new store objects on the same database (another node, or this one after a restart), optionally wrapped.</summary>
    public async Task<DurableRuntime> NodeAsync(Func<IInstanceStore, IInstanceStore>? wrap = null) => RuntimeOn(await _storage.OpenAsync(Clock), wrap);

    /// <summary>New store objects on the same database: another node, or this one after a restart.</summary>
    public Task<DurableStores> NodeStoresAsync() => _storage.OpenAsync(Clock);

    /// <summary>A runtime over a node's stores, the instance store optionally wrapped.</summary>
    public DurableRuntime RuntimeOn(DurableStores stores, Func<IInstanceStore, IInstanceStore>? wrap = null) =>
        Runtime(stores.Definitions, wrap is null ? stores.Instances : wrap(stores.Instances), 32);

    /// <summary>A timer executor over <see cref="Jobs"/> and a runtime (by default over <see cref="Store"/>).</summary>
    public TimerExecutor Executor(DurableRuntime? runtime = null, TimerExecutorOptions? options = null) => new(runtime ?? Runtime(), Jobs, options);

    /// <summary>A timer executor of another node: new store objects on the same database, the instance and job stores optionally wrapped.</summary>
    public async Task<TimerExecutor> ExecutorNodeAsync(Func<IInstanceStore, IInstanceStore>? wrap = null, TimerExecutorOptions? options = null,
        Func<ITimerJobStore, ITimerJobStore>? wrapJobs = null)
    {
        var stores = await NodeStoresAsync();
        return new TimerExecutor(RuntimeOn(stores, wrap), wrapJobs is null ? stores.Jobs : wrapJobs(stores.Jobs), options);
    }

    /// <summary>An instance store on the same database whose saves die part-way (see <see cref="IDurableStorage.OpenCrashingAsync"/>).</summary>
    public Task<IInstanceStore> CrashingStoreAsync() => _storage.OpenCrashingAsync(Clock);

    public async Task<IReadOnlyList<DeployedDefinition>> DeployAsync(string xml) => await Definitions.DeployAsync(TestBpmn.Document(xml), Ct);

    public static async Task<ProcessInstance> StartAsync(DurableRuntime runtime, string processId = "p", string? businessKey = null,
        Dictionary<string, object?>? variables = null, int? version = null)
    {
        var result = await runtime.StartAsync(processId, Actors.Tester, version, businessKey, variables, Ct);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public async Task<StoredInstance> LoadAsync(Guid id) => await Store.LoadAsync(id, Ct) ?? throw new InvalidOperationException($"no instance {id}");

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id) => await Store.LoadHistoryAsync(id, Ct);

    /// <summary>
    /// Claims and completes the single open task with this element id in a stored instance, as <paramref name="actor"/>
    /// (by default a person holding the task's roles, in its unit).
    /// </summary>
    public async Task<ProcessInstance> CompleteAsync(DurableRuntime runtime, Guid instanceId, string elementId, string? outcome = null, Actor? actor = null,
        TaskCompletion? completion = null)
    {
        var task = await TaskAsync(instanceId, elementId);
        actor ??= await EligibleAsync(instanceId, task, "officer-1");
        if (task.Assignee is null)
        {
            var claimed = await runtime.ClaimAsync(task.Id, actor, Ct);
            Assert.True(claimed.Succeeded, claimed.Error?.Message);
        }
        var result = await runtime.CompleteAsync(task.Id, completion ?? new TaskCompletion { Outcome = outcome }, actor, Ct);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    /// <summary>The single open task with this element id in a stored instance.</summary>
    public async Task<WorkItem> TaskAsync(Guid instanceId, string elementId) =>
        (await LoadAsync(instanceId)).Instance.Tasks.Single(t => t.ElementId == elementId);

    /// <summary>A person holding every role the task is open to, in its unit.</summary>
    public async Task<Actor> EligibleAsync(Guid instanceId, WorkItem task, string id)
    {
        var instance = (await LoadAsync(instanceId)).Instance;
        var definition = (await Definitions.FindAsync(instance.ProcessId, instance.Version, Ct))!.Definition;
        return Actor.Person(id, definition.Nodes[task.Node].Task.Roles, task.Unit);
    }

    /// <summary>
    /// Runs a command that must be refused with <paramref name="code"/> (and by <paramref name="rule"/>), and checks that it
    /// changed nothing: the instance's state, revision and history are as before.
    /// </summary>
    public async Task<EngineError> RefusedAsync<T>(Guid instanceId, Func<Task<DurableResult<T>>> command, string code, string? rule = null)
    {
        var before = await LoadAsync(instanceId);
        var state = InstanceStateSerializer.Serialize(before.Instance);
        var lines = (await HistoryAsync(instanceId)).Count;

        var result = await command();

        Assert.False(result.Succeeded, "the command was expected to be refused");
        Assert.True(code == result.Error.Code, $"expected {code}, got {result.Error.Code}: {result.Error.Message}");
        if (rule is not null)
        {
            Assert.Equal(rule, result.Error.Rule);
        }
        var after = await LoadAsync(instanceId);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(state, InstanceStateSerializer.Serialize(after.Instance));
        Assert.Equal(lines, (await HistoryAsync(instanceId)).Count);
        return result.Error;
    }

    /// <summary>Asserts a command succeeded and returns its value.</summary>
    public static T Ok<T>(DurableResult<T> result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public static string[] Kinds(IEnumerable<HistoryEntry> history) => history.Select(h => h.ElementId is null ? h.Kind : $"{h.Kind} {h.ElementId}").ToArray();

    private DurableRuntime Runtime(IDefinitionStore definitions, IInstanceStore store, int maxCallDepth) =>
        new(definitions, store, new DurableRuntimeOptions
        {
            Clock = Clock,
            Activities = Activities,
            MaxCallDepth = maxCallDepth,
            Delegations = Delegations,
            Rules = Rules,
        });
}
