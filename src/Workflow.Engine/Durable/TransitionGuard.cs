using Workflow.Engine.Accountability;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Accountability.AccountabilityErrors;

namespace Workflow.Engine.Durable;

/// <summary>
/// The accountability checks of one command (DOMAIN.md §4), run before the engine changes anything: an authenticated
/// person, a valid delegation, ownership, eligibility, separation of duties, overrides, locks, then the product's rules.
/// The first refusal wins and names its rule.
/// </summary>
internal sealed class TransitionGuard(DurableRuntimeOptions options, UnitOfWork work)
{
    /// <summary>The role the actor acted in, once a task transition passed its checks (null when the task names no role).</summary>
    public string? Role { get; private set; }

    /// <summary>The reviewer's decision an allowed completion overrides, when it does.</summary>
    public CompletionRecord? Overridden { get; private set; }

    /// <summary>What the completion changes, once a completion passed its checks.</summary>
    public IReadOnlyList<FieldEdit> Edits { get; private set; } = [];

    /// <summary>The context of the last transition that passed its checks.</summary>
    public TransitionContext? Context { get; private set; }

    private DateTimeOffset Now => options.Clock.GetUtcNow();

    public static EngineError Refuse(string code, string rule, string message) => new(code, message) { Rule = rule };

    /// <summary>Checks a start: an actor (a person or a named system component), a valid delegation, the rules.</summary>
    public async Task<EngineError?> CheckStartAsync(ProcessDefinition definition, Guid? parentInstanceId, IReadOnlyDictionary<string, object?>? variables)
    {
        if (work.Actor is not { } actor)
        {
            return Refuse(ActorRequired, RuleNames.AuthenticatedActor,
                $"starting '{definition.Id}' needs an actor: an authenticated person or a named system component");
        }
        var (refused, delegation) = await DelegationAsync(actor, null).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        var context = new TransitionContext(TransitionKind.Start, actor, Now, definition, CaseOf(parentInstanceId))
        {
            ParentInstanceId = parentInstanceId,
            Variables = variables,
            Delegation = delegation,
            Roles = RolesOf(actor, delegation),
            Unit = delegation?.Unit ?? actor.Unit,
        };
        return await PassAsync(context).ConfigureAwait(false);
    }

    /// <summary>Checks only that an actor acting for someone does so under a valid delegation (administrative commands, messages).</summary>
    public async Task<EngineError?> CheckDelegationAsync() =>
        work.Actor is { } actor ? (await DelegationAsync(actor, null).ConfigureAwait(false)).Item1 : null;

    /// <summary>Checks a transition on an instance as a whole (amendments): an authenticated person, a valid delegation, the rules.</summary>
    public async Task<EngineError?> CheckInstanceAsync(TransitionKind kind, TrackedInstance target, string what)
    {
        if (PersonRequired(what) is { } missing)
        {
            return missing;
        }
        var actor = work.Actor!;
        var (refused, delegation) = await DelegationAsync(actor, null).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        var definition = target.Definition?.Definition;
        if (definition is null)
        {
            return new EngineError(DurableErrors.ProcessNotFound,
                $"instance {target.Instance.Id} runs version {target.Instance.Version} of '{target.Instance.ProcessId}', which is not deployed");
        }
        var context = new TransitionContext(kind, actor, Now, definition, CaseOf(target.Instance.Id))
        {
            Instance = target.Instance,
            Delegation = delegation,
            Roles = RolesOf(actor, delegation),
            Unit = delegation?.Unit ?? actor.Unit,
        };
        return await PassAsync(context).ConfigureAwait(false);
    }

    /// <summary>Checks a transition on an open task; on success <see cref="Role"/>, <see cref="Edits"/> and <see cref="Overridden"/> describe it.</summary>
    public async Task<EngineError?> CheckTaskAsync(TransitionKind kind, TrackedInstance target, WorkItem item,
        TaskCompletion? completion = null, string? recipient = null)
    {
        var what = $"{Verb(kind)} task '{item.ElementId}'";
        if (PersonRequired(what) is { } missing)
        {
            return missing;
        }
        var actor = work.Actor!;
        if (target.Definition?.Definition is not { } definition)
        {
            return new EngineError(DurableErrors.ProcessNotFound,
                $"instance {target.Instance.Id} runs version {target.Instance.Version} of '{target.Instance.ProcessId}', which is not deployed");
        }
        var node = definition.Nodes[item.Node];
        var (refused, delegation) = await DelegationAsync(actor, node.Task.Roles).ConfigureAwait(false);
        if (refused is not null || (refused = Ownership.Check(kind, actor, item, recipient, what)) is not null)
        {
            return refused;
        }
        var context = new TransitionContext(kind, actor, Now, definition, CaseOf(target.Instance.Id))
        {
            Instance = target.Instance,
            Node = node,
            Task = item,
            Completion = completion,
            Recipient = recipient,
            Delegation = delegation,
            Roles = RolesOf(actor, delegation),
            Unit = delegation?.Unit ?? actor.Unit,
        };
        string? role = null;
        if (kind is TransitionKind.Claim or TransitionKind.Complete or TransitionKind.AcceptOffer)
        {
            if ((refused = Eligible(context, node.Task.Roles, item.Unit, what, out role)) is not null
                || (refused = await SeparationOfDuties.CheckAsync(context, what, work.CancellationToken).ConfigureAwait(false)) is not null)
            {
                return refused;
            }
        }
        if (kind == TransitionKind.Complete)
        {
            var (overrideRefused, overridden) = await OverrideCheck.CheckAsync(context, completion!, work.CancellationToken).ConfigureAwait(false);
            if (overrideRefused is not null)
            {
                return overrideRefused;
            }
            var edits = FieldEdits.Compute(target.Instance, completion!.Data);
            if (LockCheck.Check(target.Instance, edits, what) is { } locked)
            {
                return locked;
            }
            Overridden = overridden;
            Edits = edits;
        }
        if (await PassAsync(context).ConfigureAwait(false) is { } ruled)
        {
            return ruled;
        }
        Role = role;
        return null;
    }

    /// <summary>
    /// Whether the actor may act in one of <paramref name="roles"/> (none: anyone) and in <paramref name="unit"/> (null: any);
    /// <paramref name="role"/> is the first of those roles they hold.
    /// </summary>
    public static EngineError? Eligible(TransitionContext context, IReadOnlyList<string> roles, string? unit, string what, out string? role)
    {
        role = null;
        if (roles.Count > 0)
        {
            role = roles.FirstOrDefault(context.HasRole);
            if (role is null)
            {
                return Refuse(NotCandidate, RuleNames.Eligibility,
                    $"{context.Actor} may not {what}: it is open to the role(s) {string.Join(", ", roles)}, and the actor acts in "
                    + (context.Roles.Count == 0 ? "no role" : string.Join(", ", context.Roles)));
            }
        }
        if (unit is not null && context.Unit != unit)
        {
            return Refuse(WrongUnit, RuleNames.Eligibility,
                $"{context.Actor} may not {what}: it belongs to unit '{unit}', and the actor acts in " + (context.Unit is null ? "no unit" : $"unit '{context.Unit}'"));
        }
        return null;
    }

    private EngineError? PersonRequired(string what) => work.Actor switch
    {
        null => Refuse(ActorRequired, RuleNames.AuthenticatedActor, $"to {what} an authenticated person is needed, and none was named"),
        { IsSystem: true } system => Refuse(ActorRequired, RuleNames.AuthenticatedActor,
            $"to {what} an authenticated person is needed; '{system.Id}' is a system component"),
        _ => null,
    };

    private async Task<(EngineError?, Delegation?)> DelegationAsync(Actor actor, IReadOnlyList<string>? taskRoles)
    {
        if (actor.ActingFor is not { } delegator)
        {
            return (null, null);
        }
        var now = Now;
        var all = await options.Delegations.FindAsync(delegator, actor.Id, work.CancellationToken).ConfigureAwait(false);
        var valid = all.Where(d => d.IsValidAt(now)).ToList();
        if (valid.Count == 0)
        {
            return (Refuse(DelegationInvalid, RuleNames.Delegation, all.Count == 0
                ? $"{actor.Id} may not act for {delegator}: there is no delegation from {delegator} to {actor.Id}"
                : $"{actor.Id} may not act for {delegator}: no delegation from {delegator} is valid at {now:O}"), null);
        }
        var covering = valid.Find(d => d.Roles.Count == 0 || taskRoles is null || taskRoles.Count == 0 || d.Roles.Intersect(taskRoles).Any());
        return covering is null
            ? (Refuse(DelegationInvalid, RuleNames.Delegation,
                $"{actor.Id} may not act for {delegator} here: the delegation covers the role(s) {string.Join(", ", valid.SelectMany(d => d.Roles).Distinct())}, "
                + $"and this task is open to {string.Join(", ", taskRoles!)}"), null)
            : (null, covering);
    }

    private async Task<EngineError?> PassAsync(TransitionContext context)
    {
        foreach (var rule in options.Rules)
        {
            if (await rule.EvaluateAsync(context, work.CancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused with { Rule = rule.Name };
            }
        }
        Context = context;
        return null;
    }

    private Func<CancellationToken, ValueTask<IReadOnlyList<ProcessInstance>>> CaseOf(Guid? instanceId)
    {
        Task<IReadOnlyList<ProcessInstance>>? loaded = null;
        return _ => instanceId is { } id
            ? new ValueTask<IReadOnlyList<ProcessInstance>>(loaded ??= work.CaseAsync(id))
            : ValueTask.FromResult<IReadOnlyList<ProcessInstance>>([]);
    }

    private static IReadOnlyList<string> RolesOf(Actor actor, Delegation? delegation) =>
        delegation is null || delegation.Roles.Count == 0 ? actor.Roles : actor.Roles.Union(delegation.Roles, StringComparer.Ordinal).ToArray();

    public static string Verb(TransitionKind kind) => kind switch
    {
        TransitionKind.Claim => "claim",
        TransitionKind.Unclaim => "release",
        TransitionKind.Complete => "complete",
        TransitionKind.Offer => "hand over",
        TransitionKind.AcceptOffer => "accept",
        TransitionKind.DeclineOffer => "decline",
        TransitionKind.WithdrawOffer => "withdraw the offer of",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
