using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// How the instance store appends a command's history to the ledger, in the command's transaction.
/// <see cref="LedgerWriter"/> is the only implementation the product has or registers: there is no setting that turns the
/// ledger off. The seam exists so that the <c>db-load</c> benchmark (<c>--ledger off</c>) can measure what the ledger
/// costs, by building its store with an appender that writes nothing (issue 4 asks for throughput with and without).
/// </summary>
public interface ILedgerAppender
{
    /// <summary>
    /// True for an appender that never writes anything (the benchmark's): a save then writes as it would with the ledger's
    /// statements left out, rather than handing its history to <see cref="AppendAsync"/> inside its transaction.
    /// </summary>
    bool WritesNothing => false;

    /// <summary>Appends <paramref name="entries"/>, in their order, in <paramref name="db"/>'s current transaction.</summary>
    /// <param name="db">A context with a transaction begun.</param>
    /// <param name="entries">The entries; <see cref="HistoryEntry.InstanceId"/> names the stream.</param>
    /// <param name="component">The part of the system writing them (<see cref="LedgerComponents"/>).</param>
    /// <param name="known">Heads already read in this transaction's snapshot (see <see cref="KnownHead"/>); the others are read and locked.</param>
    /// <param name="cancellationToken">Cancels the commands.</param>
    Task AppendAsync(DbContext db, IReadOnlyList<HistoryEntry> entries, string component, IReadOnlyCollection<KnownHead>? known,
        CancellationToken cancellationToken = default);
}
