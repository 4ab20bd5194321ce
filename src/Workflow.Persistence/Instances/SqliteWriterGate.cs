using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Instances;

/// <summary>One async lock per SQLite database (by connection string) for the saves of this process.</summary>
/// <remarks>
/// SQLite admits one writer per file; the others wait at <c>BEGIN IMMEDIATE</c> in SQLite's busy handler, which
/// polls with sleeps that back off to 100 ms and serves nobody in order, so a 1 ms save could wait a second behind
/// luckier ones. Queued here, a waiting save takes the lock the moment the previous one commits, in arrival order,
/// without holding a thread. The busy timeout still covers writers in other processes.
/// </remarks>
internal static class SqliteWriterGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the context's database, or null when it is not SQLite.</summary>
    public static SemaphoreSlim? For(WorkflowDbContext db) =>
        db.IsSqlite ? Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", static _ => new SemaphoreSlim(1, 1)) : null;
}
