using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Tests.Support;

/// <summary>An empty, migrated database for one test.</summary>
public interface ITestDatabase
{
    /// <summary>Contexts on the database, configured as the product configures them.</summary>
    IDbContextFactory<WorkflowDbContext> Contexts { get; }

    /// <summary>Contexts on the same database with extra interceptors (fault injection).</summary>
    IDbContextFactory<WorkflowDbContext> ContextsWith(params IInterceptor[] interceptors);
}
