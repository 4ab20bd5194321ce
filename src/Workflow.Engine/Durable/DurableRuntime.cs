using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Runs engine commands against storage. Each command is one unit of work: it loads what it needs,
/// runs the <see cref="WorkflowEngine"/>, carries out call-activity effects across instances, and
/// saves every changed instance with its history in one atomic call expecting the revisions it
/// loaded. When another command saved one of those instances first, the command is refused with
/// <see cref="DurableErrors.ConcurrencyConflict"/> and nothing of it is written.
/// Thread-safe: commands share nothing but the stores.
/// </summary>
public sealed partial class DurableRuntime
{
    private readonly IDefinitionStore _definitions;
    private readonly DurableRuntimeOptions _options;

    /// <summary>Creates a runtime over a definition store and an instance store.</summary>
    public DurableRuntime(IDefinitionStore definitions, IInstanceStore instances, DurableRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(instances);
        _definitions = definitions;
        Instances = instances;
        _options = options ?? new DurableRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxCallDepth, nameof(options));
    }

    internal IInstanceStore Instances { get; }

    internal TimeProvider Clock => _options.Clock;

    /// <summary>
    /// Starts an instance of a deployed process (the latest version when <paramref name="version"/> is null) for
    /// <paramref name="actor"/>, a person or a named system component; refused with
    /// <see cref="AccountabilityErrors.ActorRequired"/> without one, or by a rule (<see cref="DurableRuntimeOptions.Rules"/>).
    /// </summary>
    public async Task<DurableResult<ProcessInstance>> StartAsync(string processId, Actor actor, int? version = null, string? businessKey = null,
        IReadOnlyDictionary<string, object?>? variables = null, CancellationToken cancellationToken = default)
    {
        var work = Begin(actor, cancellationToken);
        var definition = await work.DefinitionAsync(processId, version).ConfigureAwait(false);
        if (definition is null)
        {
            return DurableResult.Failure<ProcessInstance>(DurableErrors.ProcessNotFound, version is null
                ? $"process '{processId}' is not deployed"
                : $"process '{processId}' has no version {version}");
        }
        if (await work.Guard.CheckStartAsync(definition.Definition, null, variables).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<ProcessInstance>(refused);
        }
        var result = work.Start(definition, new StartRequest
        {
            InstanceId = Guid.CreateVersion7(Clock.GetUtcNow()),
            BusinessKey = businessKey,
            Variables = variables,
            Version = definition.Version,
        }, out var started);
        if (!result.Succeeded)
        {
            return DurableResult.Failure<ProcessInstance>(result.Error!);
        }
        await work.DrainAsync(result.Effects).ConfigureAwait(false);
        return await work.CommitAsync(started!.Instance).ConfigureAwait(false);
    }

    /// <summary>An instance as stored, with its history.</summary>
    public async Task<DurableResult<InstanceView>> GetAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        if (await Instances.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return InstanceNotFound<InstanceView>(instanceId);
        }
        var history = await Instances.LoadHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return DurableResult.Success(new InstanceView(stored.Instance, stored.Revision, history));
    }

    private UnitOfWork Begin(Actor? actor, CancellationToken cancellationToken) =>
        new(_options, _definitions, Instances, actor, cancellationToken);

    /// <summary>Runs one engine command on one instance, then saves; the shape shared by most commands.</summary>
    private async Task<DurableResult<ProcessInstance>> OnInstanceAsync(Guid instanceId, Actor? actor,
        Func<TrackedInstance, HistoryLine?> line, Func<WorkflowEngine, Model.ProcessDefinition, ProcessInstance, CommandResult> command,
        CancellationToken cancellationToken)
    {
        if (actor is null)
        {
            return ActorRequired<ProcessInstance>($"instance {instanceId}");
        }
        var work = Begin(actor, cancellationToken);
        if (await work.Guard.CheckDelegationAsync().ConfigureAwait(false) is { } notDelegated)
        {
            return DurableResult.Failure<ProcessInstance>(notDelegated);
        }
        if (await work.LoadAsync(instanceId).ConfigureAwait(false) is not { } target)
        {
            return InstanceNotFound<ProcessInstance>(instanceId);
        }
        return await CompleteCommandAsync(work, target, line(target), command).ConfigureAwait(false);
    }

    private static async Task<DurableResult<ProcessInstance>> CompleteCommandAsync(UnitOfWork work, TrackedInstance target, HistoryLine? line,
        Func<WorkflowEngine, Model.ProcessDefinition, ProcessInstance, CommandResult> command)
    {
        if (await work.ExecuteAsync(target, line, command).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<ProcessInstance>(refused);
        }
        return await work.CommitAsync(target.Instance).ConfigureAwait(false);
    }

    /// <summary>Administrative commands need an actor too: a person, or the system component acting.</summary>
    private static DurableResult<T> ActorRequired<T>(string what) =>
        DurableResult.Failure<T>(TransitionGuard.Refuse(AccountabilityErrors.ActorRequired, RuleNames.AuthenticatedActor,
            $"a command on {what} needs an actor: an authenticated person or a named system component"));

    private static DurableResult<T> InstanceNotFound<T>(Guid instanceId) =>
        DurableResult.Failure<T>(DurableErrors.InstanceNotFound, $"instance {instanceId} does not exist");
}
