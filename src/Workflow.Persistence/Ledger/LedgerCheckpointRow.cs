namespace Workflow.Persistence.Ledger;

/// <summary>
/// A link of the global chain: seals the heads of every stream that changed in the ledger id range
/// (<see cref="FromId"/>, <see cref="ToId"/>] and the checkpoint before it. Written once, never changed.
/// </summary>
public sealed class LedgerCheckpointRow
{
    /// <summary>1, 2, … without gaps: the checkpoint's number.</summary>
    public long Id { get; init; }
    /// <summary>When it was written, in whole microseconds.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>Ledger ids above this one are covered (the previous checkpoint's <see cref="ToId"/>; 0 for the first).</summary>
    public long FromId { get; init; }
    /// <summary>Ledger ids up to and including this one are covered.</summary>
    public long ToId { get; init; }
    /// <summary>How many ledger entries the range held.</summary>
    public long Entries { get; init; }
    /// <summary>How many streams changed in the range.</summary>
    public long Streams { get; init; }
    /// <summary>The previous checkpoint's <see cref="Hash"/>; 32 zero bytes for the first.</summary>
    public byte[] PrevHash { get; init; } = [];
    /// <summary>SHA-256 of the checkpoint's canonical encoding (<see cref="LedgerHash"/>).</summary>
    public byte[] Hash { get; init; } = [];
}
