using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Workflow.Persistence.PostgreSql;

/// <summary>Configures <see cref="WorkflowDbContext"/> for PostgreSQL.</summary>
public static class WorkflowPostgreSqlExtensions
{
    /// <summary>Statements each physical connection keeps prepared when the connection string does not say (<c>Max Auto Prepare</c>).</summary>
    public const int DefaultMaxAutoPrepare = 128;

    /// <summary>
    /// Uses PostgreSQL (Npgsql) with this assembly's migrations, and two settings the connection string may override
    /// (<see cref="WithDefaults"/>):
    /// <list type="bullet">
    /// <item>Automatic preparation (<c>Max Auto Prepare</c>; 0 turns it off, e.g. behind a pooler in transaction mode): the store
    /// runs the same few statements for every command, and parsing and planning them each time was half of the server's CPU
    /// per command.</item>
    /// <item>No session reset when a pooled connection is returned (<c>No Reset On Close</c>): a command rents and returns a
    /// connection several times, and each return sent <c>RESET ALL</c> and the like, about a quarter of the server's CPU per
    /// completion (docs/performance.md). Nothing here changes session state: <c>SET LOCAL</c> and <c>LOCK</c> end with their
    /// transaction. Set it to false when other code shares the pool and does.</item>
    /// </list>
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Host=127.0.0.1;Database=workflow;Username=workflow;Password=…</c>.</param>
    /// <param name="configure">Further Npgsql options.</param>
    public static DbContextOptionsBuilder UseWorkflowPostgreSql(this DbContextOptionsBuilder options, string connectionString,
        Action<NpgsqlDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(WithDefaults(connectionString), npgsql =>
        {
            npgsql.MigrationsAssembly(typeof(WorkflowPostgreSqlExtensions).Assembly.GetName().Name);
            configure?.Invoke(npgsql);
        });
    }

    /// <summary>
    /// The connection string with <see cref="DefaultMaxAutoPrepare"/> and <c>No Reset On Close=true</c> added, each unless it
    /// names its own setting.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        // The base builder keeps only the keys that were given; Npgsql's own answers for every keyword it knows.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (given.Contains("MaxAutoPrepare") && given.Contains("NoResetOnClose"))
        {
            return connectionString;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }
}
