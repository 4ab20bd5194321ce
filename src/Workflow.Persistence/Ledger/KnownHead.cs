namespace Workflow.Persistence.Ledger;

/// <summary>
/// A stream's head as the caller already knows it, read in the snapshot of an instance whose revision check the same
/// transaction passed; <see cref="Head"/> null when the stream had no entry then. <see cref="LedgerWriter"/> chains onto it
/// without reading the head again; its update still names the sequence number it expects, so a head that moved meanwhile
/// is never chained onto.
/// </summary>
/// <param name="Stream">The stream (instance id).</param>
/// <param name="Head">The head as read; null when the stream had none.</param>
public sealed record KnownHead(Guid Stream, LedgerHead? Head);
