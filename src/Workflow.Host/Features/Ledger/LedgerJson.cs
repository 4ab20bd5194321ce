using Workflow.Persistence.Ledger;

namespace Workflow.Host.Features.Ledger;

/// <summary>The JSON shape of a verification, shared by <c>GET /api/ledger/verify</c> and <c>verify-ledger --json</c>.</summary>
public static class LedgerJson
{
    /// <summary><c>{ok, entries, streams, checkpoints, problemCount, firstProblem, problems}</c>.</summary>
    public static object Verification(LedgerVerification result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new
        {
            ok = result.Ok,
            entries = result.Entries,
            streams = result.Streams,
            checkpoints = result.Checkpoints,
            problemCount = result.ProblemCount,
            firstProblem = result.FirstProblem is { } first ? Problem(first) : null,
            problems = result.Problems.Select(Problem).ToArray(),
        };
    }

    /// <summary><c>{code, message, entryId, stream, seq, checkpointId}</c>.</summary>
    public static object Problem(LedgerProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new { code = problem.Code, message = problem.Message, entryId = problem.EntryId, stream = problem.Stream, seq = problem.Seq, checkpointId = problem.CheckpointId };
    }
}
