namespace Workflow.Persistence.Ledger;

/// <summary>
/// Entries chained onto heads a save already knew (<see cref="LedgerWriter.ChainKnown"/>): the rows to insert, and the head
/// each instance's row moves to in the save's own <c>UPDATE</c>.
/// </summary>
/// <param name="Rows">The ledger rows, in the order of the entries.</param>
/// <param name="Heads">Each stream's new head, by instance id (only the streams that got entries).</param>
internal sealed record KnownChain(LedgerRow[] Rows, IReadOnlyDictionary<Guid, LedgerHead> Heads)
{
    /// <summary>No rows and no heads moved: what a save appends with an appender that writes nothing (<see cref="ILedgerAppender.WritesNothing"/>).</summary>
    public static KnownChain Nothing { get; } = new([], new Dictionary<Guid, LedgerHead>());
}
