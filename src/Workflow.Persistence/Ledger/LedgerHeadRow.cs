namespace Workflow.Persistence.Ledger;

/// <summary>
/// The last entry of one ledger stream, moved forward in the same transaction as every append: the writers' lock on
/// the stream, and what shows that entries were cut off the end of a stream.
/// </summary>
public sealed class LedgerHeadRow
{
    /// <summary>The stream: an instance, or <see cref="Guid.Empty"/> for the global stream.</summary>
    public Guid InstanceId { get; init; }
    /// <summary>Sequence number of the stream's last entry (0: none yet).</summary>
    public long Seq { get; init; }
    /// <summary>Hash of the stream's last entry.</summary>
    public byte[] Hash { get; init; } = [];
}
