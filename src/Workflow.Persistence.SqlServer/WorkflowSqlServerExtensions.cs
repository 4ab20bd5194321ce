using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Persistence.SqlServer;

/// <summary>Configures <see cref="WorkflowDbContext"/> for SQL Server.</summary>
public static class WorkflowSqlServerExtensions
{
    /// <summary>Uses SQL Server with this assembly's migrations.</summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">E.g. <c>Server=…;Database=workflow;…</c>.</param>
    /// <param name="configure">Further SQL Server options.</param>
    public static DbContextOptionsBuilder UseWorkflowSqlServer(this DbContextOptionsBuilder options, string connectionString,
        Action<SqlServerDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlServer(connectionString, sqlServer =>
        {
            sqlServer.MigrationsAssembly(typeof(WorkflowSqlServerExtensions).Assembly.GetName().Name);
            configure?.Invoke(sqlServer);
        });
    }
}
