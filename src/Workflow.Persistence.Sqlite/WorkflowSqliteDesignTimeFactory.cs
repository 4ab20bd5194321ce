using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for SQLite; it opens no connection.</summary>
public sealed class WorkflowSqliteDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    /// <inheritdoc />
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlite("Data Source=workflow-design.db");
        return new WorkflowDbContext(options.Options);
    }
}
