namespace Workflow.Engine.Accountability;

/// <summary>Delegations held in memory (tests, simulation, a host without a directory). Thread-safe.</summary>
public sealed class InMemoryDelegationSource : IDelegationSource
{
    private readonly List<Delegation> _delegations = [];
    private readonly Lock _gate = new();

    /// <summary>Records a delegation.</summary>
    public InMemoryDelegationSource Add(Delegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        lock (_gate)
        {
            _delegations.Add(delegation);
        }
        return this;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Delegation>> FindAsync(string delegator, string delegateId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<Delegation>>(_delegations.Where(d => d.From == delegator && d.To == delegateId).ToArray());
        }
    }
}
