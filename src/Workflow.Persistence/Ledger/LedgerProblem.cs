namespace Workflow.Persistence.Ledger;

/// <summary>One thing that verification found wrong with the ledger.</summary>
/// <param name="Code">One of <see cref="LedgerProblems"/>.</param>
/// <param name="Message">What is wrong, in English, naming the entry.</param>
public sealed record LedgerProblem(string Code, string Message)
{
    /// <summary>The ledger id of the bad entry; null when the entry is gone (a cut-off end) or the problem is a checkpoint's.</summary>
    public long? EntryId { get; init; }

    /// <summary>The stream of the bad entry (an instance id, or <see cref="Guid.Empty"/> for the global stream).</summary>
    public Guid? Stream { get; init; }

    /// <summary>The position in the stream that is bad (for missing entries: the first one missing).</summary>
    public long? Seq { get; init; }

    /// <summary>The checkpoint, for checkpoint problems.</summary>
    public long? CheckpointId { get; init; }

    /// <summary>Where the problem sorts in <see cref="LedgerVerification.Problems"/> (not part of its value).</summary>
    internal ProblemOrder Order { get; init; }

    /// <inheritdoc />
    public bool Equals(LedgerProblem? other) =>
        other is not null && (Code, Message, EntryId, Stream, Seq, CheckpointId) == (other.Code, other.Message, other.EntryId, other.Stream, other.Seq, other.CheckpointId);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Message, EntryId, Stream, Seq, CheckpointId);
}

/// <summary>
/// The order of problems: a stream's problems in stream order, streams by the ledger id of their first bad entry (a
/// stream whose end was cut off, having none, after those), then checkpoint problems by checkpoint. So the first
/// problem names the entry where the earliest-written damaged stream first goes wrong.
/// </summary>
/// <param name="Rank">The ledger id of the stream's first bad entry; <see cref="long.MaxValue"/> when there is none.</param>
/// <param name="Group">0 for entries, 1 for checkpoints.</param>
/// <param name="Position">The sequence number in the stream, or the checkpoint number.</param>
internal readonly record struct ProblemOrder(long Rank, int Group, long Position) : IComparable<ProblemOrder>
{
    public int CompareTo(ProblemOrder other)
    {
        var byGroup = Group.CompareTo(other.Group);
        if (byGroup != 0)
        {
            return byGroup;
        }
        var byRank = Rank.CompareTo(other.Rank);
        return byRank != 0 ? byRank : Position.CompareTo(other.Position);
    }

    public static bool operator <(ProblemOrder left, ProblemOrder right) => left.CompareTo(right) < 0;

    public static bool operator >(ProblemOrder left, ProblemOrder right) => left.CompareTo(right) > 0;

    public static bool operator <=(ProblemOrder left, ProblemOrder right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ProblemOrder left, ProblemOrder right) => left.CompareTo(right) >= 0;
}
