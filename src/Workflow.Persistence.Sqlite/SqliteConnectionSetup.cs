using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Sqlite;

/// <summary>
/// Sets every connection up for concurrent use: write-ahead logging (readers never block the writer) and a
/// busy timeout (a writer waits for the one before it instead of failing with SQLITE_BUSY).
/// </summary>
internal sealed class SqliteConnectionSetup(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    /// <summary>
    /// Shared, so that contexts configured the same way share one EF service provider
    /// (a new interceptor instance per configuration would make EF build a provider for each).
    /// </summary>
    public static readonly SqliteConnectionSetup Default = new(TimeSpan.FromSeconds(30));

    private readonly string _pragmas =
        $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
