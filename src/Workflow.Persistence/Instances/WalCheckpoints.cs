using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Copies SQLite's write-ahead log into the database file every <see cref="CommitsPerCheckpoint"/> group commits of the
/// <see cref="SqliteSaveQueue"/>, and has the log start again from its beginning once it has been copied.
/// </summary>
/// <remarks>
/// <para>
/// Connections do not checkpoint by themselves (<c>wal_autocheckpoint = 0</c>): SQLite would run the checkpoint, and its
/// <c>fsync</c>, inside whichever commit crossed 1,000 pages, holding the write lock. Instead a <c>PASSIVE</c> checkpoint
/// runs on a connection of its own, off the writer's path; it waits for no reader or writer.
/// </para>
/// <para>
/// That alone never lets the log restart: the writer appends while the checkpoint copies, so the log is never copied to its
/// end, and every commit appended to a file that grew without bound (3 GB in 40 s of load), each page a newly
/// allocated block. So after each passive checkpoint the writer, between two groups, runs a <c>RESTART</c> checkpoint
/// itself: with nothing being written it copies the few frames the passive one left, then waits — at most
/// <see cref="RestartWait"/>, never a reader's whole query — for readers to leave the log, so that the next commit writes
/// from the log's start again, into blocks already there.
/// </para>
/// </remarks>
internal sealed class WalCheckpoints
{
    /// <summary>Group commits between two checkpoints.</summary>
    internal const int CommitsPerCheckpoint = 64;

    /// <summary>How long the writer waits for readers to leave the log; after that the log restarts at a later checkpoint.</summary>
    internal static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(20);

    /// <summary>Passive checkpoints between two restarts: a restart makes the writer wait, a log of this many checkpoints' pages does not.</summary>
    internal const int CheckpointsPerRestart = 8;

    private int _commits;
    private int _checkpoints;
    private int _running;
    private int _restartDue;

    /// <summary>Counts a group commit; starts a checkpoint when it is time and none is running.</summary>
    public void Committed(IDbContextFactory<WorkflowDbContext> contexts)
    {
        if (Interlocked.Increment(ref _commits) >= CommitsPerCheckpoint && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Volatile.Write(ref _commits, 0);
            OwnThread.Start(() => CheckpointAsync(contexts));
        }
    }

    /// <summary>
    /// On the writer's connection, between groups: when a passive checkpoint has finished since the last call, copies what is
    /// left and waits briefly for readers, so that the next commit restarts the log.
    /// </summary>
    public async Task RestartIfDueAsync(WorkflowDbContext writer)
    {
        if (Interlocked.Exchange(ref _restartDue, 0) == 0)
        {
            return;
        }
        var command = writer.Database.GetDbConnection().CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            try
            {
                command.CommandText = "PRAGMA busy_timeout";
                var busyTimeout = Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
                // The busy timeout is how long RESTART waits for readers: the writer must not stall for a reader's whole query.
                command.CommandText = $"PRAGMA busy_timeout = {(long)RestartWait.TotalMilliseconds}";
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                try
                {
                    command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
                finally
                {
                    command.CommandText = $"PRAGMA busy_timeout = {busyTimeout}";
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
            catch (DbException)
            {
                // A reader still in the log, or a writer of another process: the log restarts after a later checkpoint.
            }
        }
    }

    private async Task CheckpointAsync(IDbContextFactory<WorkflowDbContext> contexts)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)", CancellationToken.None).ConfigureAwait(false);
            if (Interlocked.Increment(ref _checkpoints) % CheckpointsPerRestart == 0)
            {
                Volatile.Write(ref _restartDue, 1);
            }
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
