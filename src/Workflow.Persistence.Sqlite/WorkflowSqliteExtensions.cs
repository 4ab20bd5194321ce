using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Persistence.Sqlite;

/// <summary>Configures <see cref="WorkflowDbContext"/> for SQLite.</summary>
public static class WorkflowSqliteExtensions
{
    /// <summary>
    /// Uses SQLite with this assembly's migrations, write-ahead logging and a busy timeout. Writers are
    /// serialised: within a process <see cref="Instances.EfInstanceStore"/> queues its saves, and each save's
    /// transaction starts with <c>BEGIN IMMEDIATE</c>, so a writer of another process waits up to <paramref name="busyTimeout"/>.
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Data Source=data/workflow.db</c>.</param>
    /// <param name="busyTimeout">How long a writer waits for the one before it; 30 s by default.</param>
    /// <param name="configure">Further SQLite options.</param>
    /// <param name="synchronous">When commits reach the disk: <see cref="SqliteSynchronous.Normal"/> by default (ADR-006).</param>
    public static DbContextOptionsBuilder UseWorkflowSqlite(this DbContextOptionsBuilder options, string connectionString,
        TimeSpan? busyTimeout = null, Action<SqliteDbContextOptionsBuilder>? configure = null, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseSqlite(connectionString, sqlite =>
            {
                sqlite.MigrationsAssembly(typeof(WorkflowSqliteExtensions).Assembly.GetName().Name);
                configure?.Invoke(sqlite);
            })
            .ReplaceService<IModelCustomizer, SqliteLedgerModel>()
            .AddInterceptors(SqliteConnectionSetup.For(busyTimeout ?? TimeSpan.FromSeconds(30), synchronous));
    }
}
