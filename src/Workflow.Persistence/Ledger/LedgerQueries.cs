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

    /// <summary>
    /// The instances the instances' parent index lists as called by <paramref name="parent"/>: mutable state, which the trace
    /// only checks against the ledger's <c>called</c> entries.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ChildrenAsync(IDbContextFactory<WorkflowDbContext> contexts, Guid parent, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parent).OrderBy(i => i.StartedAt).Select(i => i.Id).ToListAsync(ct);
    }

    /// <summary>Every instance with the business key, running or ended, in start order.</summary>
    public static async Task<IReadOnlyList<Guid>> ByBusinessKeyAsync(IDbContextFactory<WorkflowDbContext> contexts, string businessKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Instances.AsNoTracking().Where(i => i.BusinessKey == businessKey).OrderBy(i => i.StartedAt).Select(i => i.Id).ToListAsync(ct);
    }
}
