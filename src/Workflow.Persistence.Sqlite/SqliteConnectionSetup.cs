using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Sqlite;

/// <summary>
/// Sets every connection up for concurrent use: write-ahead logging (readers never block the writer), a busy
/// timeout (a writer in another process waits for the one before it instead of failing with SQLITE_BUSY),
/// foreign keys, and the synchronous level. No connection checkpoints the write-ahead log by itself: the instance store's
/// writer has it done off its path (<c>SqliteSaveQueue</c>), and the last connection to close copies what is left.
/// </summary>
/// <remarks>
/// The pragmas belong to the native connection, which Microsoft.Data.Sqlite's pool keeps open across many
/// <c>Open</c> calls: they run once per native connection, not on every open (three statements saved per command).
/// </remarks>
internal sealed class SqliteConnectionSetup(TimeSpan busyTimeout, SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<(TimeSpan, SqliteSynchronous), SqliteConnectionSetup> Shared = new();

    private readonly ConditionalWeakTable<object, object> _configured = [];

    private readonly string _pragmas =
        $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0; " +
        // A log that grew while readers kept it from restarting is cut back to 64 MB when it does restart.
        "PRAGMA journal_size_limit = 67108864; " +
        $"PRAGMA synchronous = {(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One instance per configuration, shared, so that contexts configured the same way share one EF service provider
    /// (a new interceptor instance per context configuration would make EF build a provider for each).
    /// </summary>
    public static SqliteConnectionSetup For(TimeSpan busyTimeout, SqliteSynchronous synchronous) =>
        Shared.GetOrAdd((busyTimeout, synchronous), static key => new SqliteConnectionSetup(key.Item1, key.Item2));

    /// <summary>Whether this native connection has not been set up by this setup yet.</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
