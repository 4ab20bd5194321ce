using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Accountability;

/// <summary>
/// What an <see cref="ITransitionRule"/> sees of a transition: who, what, where, and (on demand) the whole case. The
/// state objects are those the command will change: rules read them and must not change them.
/// </summary>
public sealed class TransitionContext
{
    private readonly Func<CancellationToken, ValueTask<IReadOnlyList<ProcessInstance>>> _case;

    internal TransitionContext(TransitionKind kind, Actor actor, DateTimeOffset now, ProcessDefinition definition,
        Func<CancellationToken, ValueTask<IReadOnlyList<ProcessInstance>>> @case)
    {
        Kind = kind;
        Actor = actor;
        Now = now;
        Definition = definition;
        _case = @case;
    }

    /// <summary>The transition.</summary>
    public TransitionKind Kind { get; }

    /// <summary>Who makes it.</summary>
    public Actor Actor { get; }

    /// <summary>Engine time of the transition.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The process definition of the instance (at <see cref="TransitionKind.Start"/>: of the instance about to start).</summary>
    public ProcessDefinition Definition { get; }

    /// <summary>The instance; null at <see cref="TransitionKind.Start"/>.</summary>
    public ProcessInstance? Instance { get; internal init; }

    /// <summary>At <see cref="TransitionKind.Start"/>: the calling instance when a call activity starts it, else null.</summary>
    public Guid? ParentInstanceId { get; internal init; }

    /// <summary>At <see cref="TransitionKind.Start"/>: the variables it starts with.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; internal init; }

    /// <summary>For task transitions: the task's node (its <see cref="FlowNode.Task"/> holds roles, duty, flags).</summary>
    public FlowNode? Node { get; internal init; }

    /// <summary>For task transitions: the open task.</summary>
    public WorkItem? Task { get; internal init; }

    /// <summary>At <see cref="TransitionKind.Complete"/>: what is submitted.</summary>
    public TaskCompletion? Completion { get; internal init; }

    /// <summary>At <see cref="TransitionKind.Offer"/>: the person the task is offered to.</summary>
    public string? Recipient { get; internal init; }

    /// <summary>The delegation the actor acts under, when acting for someone.</summary>
    public Delegation? Delegation { get; internal init; }

    /// <summary>The roles the actor may act in here: their own plus those the delegation grants.</summary>
    public IReadOnlyList<string> Roles { get; internal init; } = [];

    /// <summary>The unit the actor acts in here: the delegation's when it names one, else the actor's.</summary>
    public string? Unit { get; internal init; }

    /// <summary>Whether the actor may act in a role here.</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Every instance of the case: the root caller and every instance it called, directly or not, ended ones included
    /// (at <see cref="TransitionKind.Start"/>: the caller's case, or nothing for a root start). Loaded on first use.
    /// </summary>
    public ValueTask<IReadOnlyList<ProcessInstance>> CaseAsync(CancellationToken cancellationToken = default) => _case(cancellationToken);
}
