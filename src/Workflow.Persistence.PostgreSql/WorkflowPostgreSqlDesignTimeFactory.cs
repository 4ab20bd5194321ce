using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Persistence.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for PostgreSQL; it opens no connection.</summary>
public sealed class WorkflowPostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    /// <inheritdoc />
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowPostgreSql("Host=localhost;Database=workflow;Username=workflow");
        return new WorkflowDbContext(options.Options);
    }
}
