using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Workflow.Persistence.PostgreSql;

/// <summary>Configures <see cref="WorkflowDbContext"/> for PostgreSQL.</summary>
public static class WorkflowPostgreSqlExtensions
{
    /// <summary>
    /// Statements Npgsql prepares on the server per connection once they have been used a few times, unless the connection
    /// string sets <c>Max Auto Prepare</c> itself (0 turns it off, e.g. behind PgBouncer in transaction mode).
    /// </summary>
    /// <remarks>
    /// The hot path sends the same few statement shapes over and over (ADR-006); without preparing them the server parses and
    /// plans each one every time, which was a quarter of its CPU per task completion (docs/performance.md).
    /// </remarks>
    public const int DefaultMaxAutoPrepare = 256;

    /// <summary>Uses PostgreSQL (Npgsql) with this assembly's migrations; see <see cref="DefaultMaxAutoPrepare"/>.</summary>
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

    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.ContainsKey("Max Auto Prepare"))
        {
            return connectionString;
        }
        builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.ConnectionString;
    }
}
