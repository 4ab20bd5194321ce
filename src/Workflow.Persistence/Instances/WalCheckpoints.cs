using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Copies SQLite's write-ahead log into the database file every <see cref="CommitsPerCheckpoint"/> group commits of the
/// <see cref="SqliteSaveQueue"/>, on a connection of its own and off the writer's path. Connections do not checkpoint by
/// themselves (<c>wal_autocheckpoint = 0</c>): SQLite would run the checkpoint, and its <c>fsync</c>, inside whichever
/// commit crossed 1,000 pages, holding the write lock. <c>PASSIVE</c> waits for no reader or writer; what it cannot copy
/// now, the next one does.
/// </summary>
internal sealed class WalCheckpoints
{
    /// <summary>Group commits between two checkpoints.</summary>
    internal const int CommitsPerCheckpoint = 64;

    private int _commits;
    private int _running;

    /// <summary>Counts a group commit; starts a checkpoint when it is time and none is running.</summary>
    public void Committed(IDbContextFactory<WorkflowDbContext> contexts)
    {
        if (Interlocked.Increment(ref _commits) >= CommitsPerCheckpoint && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Volatile.Write(ref _commits, 0);
            _ = Task.Run(() => CheckpointAsync(contexts), CancellationToken.None);
        }
    }

    private async Task CheckpointAsync(IDbContextFactory<WorkflowDbContext> contexts)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)", CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Nothing is lost: the log keeps every committed page until a later checkpoint (or the last connection's close) copies it.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
