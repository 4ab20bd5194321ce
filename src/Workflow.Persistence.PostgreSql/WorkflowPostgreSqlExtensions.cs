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
    /// Uses PostgreSQL (Npgsql) with this assembly's migrations. Npgsql's automatic preparation is on unless the connection
    /// string sets <c>Max Auto Prepare</c> (0 turns it off, e.g. behind a pooler in transaction mode): the store runs the same
    /// few statements for every command, and parsing and planning them each time was half of the server's CPU per command
    /// (docs/performance.md).
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Host=127.0.0.1;Database=workflow;Username=workflow;Password=…</c>.</param>
    /// <param name="configure">Further Npgsql options.</param>
    public static DbContextOptionsBuilder UseWorkflowPostgreSql(this DbContextOptionsBuilder options, string connectionString,
        Action<NpgsqlDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(WithAutoPrepare(connectionString), npgsql =>
        {
            npgsql.MigrationsAssembly(typeof(WorkflowPostgreSqlExtensions).Assembly.GetName().Name);
            configure?.Invoke(npgsql);
        });
    }

    /// <summary>The connection string with <see cref="DefaultMaxAutoPrepare"/> added, unless it names its own setting.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        // The base builder keeps only the keys that were given; Npgsql's own answers for every keyword it knows.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
