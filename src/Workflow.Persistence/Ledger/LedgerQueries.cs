using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Ledger;

/// <summary>Reads the ledger back as history.</summary>
internal static class LedgerQueries
{
    /// <summary>One stream's entries, in stream order.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> LoadStreamAsync(IDbContextFactory<WorkflowDbContext> contexts, Guid stream, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Ledger
            .Where(l => l.InstanceId == stream)
            .OrderBy(l => l.Seq)
            .Select(l => new HistoryEntry(l.InstanceId, l.At, l.Kind, l.ElementId, l.Actor, l.Data)
            {
                Role = l.Role,
                Unit = l.Unit,
                ActingFor = l.ActingFor,
                Outcome = l.Outcome,
            })
            .ToListAsync(ct);
    }
}
