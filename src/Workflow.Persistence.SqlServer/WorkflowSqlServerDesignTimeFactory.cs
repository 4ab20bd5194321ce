using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Persistence.SqlServer;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for SQL Server; it opens no connection.</summary>
public sealed class WorkflowSqlServerDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    /// <inheritdoc />
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlServer("Server=localhost;Database=workflow;Integrated Security=true;TrustServerCertificate=true");
        return new WorkflowDbContext(options.Options);
    }
}
