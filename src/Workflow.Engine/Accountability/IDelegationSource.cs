namespace Workflow.Engine.Accountability;

/// <summary>Where the durable runtime finds delegations when a person acts for someone else.</summary>
public interface IDelegationSource
{
    /// <summary>The delegations from <paramref name="delegator"/> to <paramref name="delegateId"/>, valid or not.</summary>
    ValueTask<IReadOnlyList<Delegation>> FindAsync(string delegator, string delegateId, CancellationToken cancellationToken = default);
}
