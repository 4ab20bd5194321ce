namespace Workflow.Persistence.Ledger;

/// <summary>The last entry of a stream, as a checkpoint seals it.</summary>
/// <param name="Stream">Instance id, or <see cref="Guid.Empty"/> for the global stream.</param>
/// <param name="Seq">The entry's sequence number in its stream.</param>
/// <param name="Hash">The entry's hash.</param>
public sealed record LedgerHead(Guid Stream, long Seq, byte[] Hash);
