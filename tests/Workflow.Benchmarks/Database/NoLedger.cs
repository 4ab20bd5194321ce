using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// Benchmark only (<c>db-load --ledger off</c>): an appender that writes nothing, so that a run measures the durable
/// runtime without the ledger and the difference is the ledger's cost (issue 4). The product has no way to do this.
/// </summary>
internal sealed class NoLedger : ILedgerAppender
{
    public static NoLedger Instance { get; } = new();

    public bool WritesNothing => true;

    public Task AppendAsync(DbContext db, IReadOnlyList<HistoryEntry> entries, string component, IReadOnlyCollection<KnownHead>? known,
        CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
