using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Workflow.Persistence.PostgreSql;

/// <summary>Configures <see cref="WorkflowDbContext"/> for PostgreSQL.</summary>
public static class WorkflowPostgreSqlExtensions
{
    /// <summary>Uses PostgreSQL (Npgsql) with this assembly's migrations.</summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Host=127.0.0.1;Database=workflow;Username=workflow;Password=…</c>.</param>
    /// <param name="configure">Further Npgsql options.</param>
    public static DbContextOptionsBuilder UseWorkflowPostgreSql(this DbContextOptionsBuilder options, string connectionString,
        Action<NpgsqlDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(typeof(WorkflowPostgreSqlExtensions).Assembly.GetName().Name);
            configure?.Invoke(npgsql);
        });
    }
}
