namespace Workflow.Persistence.Ledger;

/// <summary>The codes of <see cref="LedgerProblem"/>: what verification found wrong, and what it most likely means.</summary>
public static class LedgerProblems
{
    /// <summary>The stream jumps over sequence numbers before this entry: entries were deleted.</summary>
    public const string Missing = "missing";

    /// <summary>A second entry with a sequence number already seen in the stream: an entry was inserted.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The entry's previous hash is not the hash of the entry before it: that one was replaced, or this one moved or was inserted.</summary>
    public const string BrokenLink = "broken-link";

    /// <summary>The entry's content does not give its hash: it was edited, or forged without the right hash.</summary>
    public const string Altered = "altered";

    /// <summary>Ledger ids run against sequence numbers in the stream: entries were re-ordered.</summary>
    public const string Reordered = "reordered";

    /// <summary>The entry lies beyond the stream's head: it was appended outside the store.</summary>
    public const string NotInHead = "not-in-head";

    /// <summary>The stream's last entry is not the one its head records: it was replaced.</summary>
    public const string HeadMismatch = "head-mismatch";

    /// <summary>The stream's head records entries after its last one: the end of the stream was cut off.</summary>
    public const string Truncated = "truncated";

    /// <summary>A stream without a head row: its head was deleted, or the stream was inserted outside the store.</summary>
    public const string NoHead = "no-head";

    /// <summary>Checkpoint numbers jump: checkpoints were deleted.</summary>
    public const string CheckpointMissing = "checkpoint-missing";

    /// <summary>A checkpoint's range does not start where the previous one ended: checkpoints were edited or re-ordered.</summary>
    public const string CheckpointRange = "checkpoint-range";

    /// <summary>A checkpoint's previous hash is not the previous checkpoint's hash: one of the two was replaced.</summary>
    public const string CheckpointBrokenLink = "checkpoint-broken-link";

    /// <summary>
    /// The ledger entries in a checkpoint's range no longer give its hash: an entry in the range was deleted, inserted
    /// or replaced (even with a consistent chain), or the checkpoint was edited.
    /// </summary>
    public const string CheckpointAltered = "checkpoint-altered";
}
