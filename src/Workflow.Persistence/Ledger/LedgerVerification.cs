namespace Workflow.Persistence.Ledger;

/// <summary>The outcome of <see cref="LedgerVerifier.VerifyAsync"/>.</summary>
/// <param name="Entries">Ledger entries checked.</param>
/// <param name="Streams">Streams checked (instances, and the global stream).</param>
/// <param name="Checkpoints">Checkpoints checked.</param>
/// <param name="ProblemCount">Problems found in all.</param>
/// <param name="Problems">
/// The first problems (at most <see cref="LedgerVerifier.MaxProblems"/>): a stream's in stream order, streams by the ledger id
/// of their first bad entry, then checkpoints.
/// </param>
public sealed record LedgerVerification(long Entries, long Streams, long Checkpoints, long ProblemCount, IReadOnlyList<LedgerProblem> Problems)
{
    /// <summary>True when nothing was found wrong.</summary>
    public bool Ok => ProblemCount == 0;

    /// <summary>The first bad entry: where the earliest-written damaged stream first goes wrong; null when none.</summary>
    public LedgerProblem? FirstProblem => Problems.Count > 0 ? Problems[0] : null;
}
