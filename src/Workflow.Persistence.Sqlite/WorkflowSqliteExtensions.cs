using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Persistence.Sqlite;

/// <summary>Configures <see cref="WorkflowDbContext"/> for SQLite.</summary>
public static class WorkflowSqliteExtensions
{
    /// <summary>
    /// Uses SQLite with this assembly's migrations, write-ahead logging and a busy timeout. Writers are
    /// serialised by SQLite itself: <see cref="Instances.EfInstanceStore"/> saves in a transaction that
    /// SQLite starts with <c>BEGIN IMMEDIATE</c>, so the second writer waits up to <paramref name="busyTimeout"/>.
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Data Source=data/workflow.db</c>.</param>
    /// <param name="busyTimeout">How long a writer waits for the one before it; 30 s by default.</param>
    /// <param name="configure">Further SQLite options.</param>
    public static DbContextOptionsBuilder UseWorkflowSqlite(this DbContextOptionsBuilder options, string connectionString,
        TimeSpan? busyTimeout = null, Action<SqliteDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseSqlite(connectionString, sqlite =>
            {
                sqlite.MigrationsAssembly(typeof(WorkflowSqliteExtensions).Assembly.GetName().Name);
                configure?.Invoke(sqlite);
            })
            .AddInterceptors(busyTimeout is { } timeout ? new SqliteConnectionSetup(timeout) : SqliteConnectionSetup.Default);
    }
}
