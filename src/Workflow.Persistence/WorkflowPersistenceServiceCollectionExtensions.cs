using Workflow.Persistence.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Import;
using Workflow.Engine.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence;

/// <summary>Registers the database-backed stores.</summary>
public static class WorkflowPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds a pooled <see cref="WorkflowDbContext"/> factory configured by <paramref name="configure"/> (e.g.
    /// <c>o => o.UseWorkflowSqlite(connectionString)</c>), <see cref="IDefinitionStore"/> (an <see cref="EfDefinitionStore"/>), <see cref="DefinitionQueries"/>, <see cref="IInstanceStore"/>, <see cref="ITimerJobStore"/>, <see cref="TaskQueries"/>, <see cref="CaseQueries"/>, <see cref="IncidentCounts"/>,
    /// the ledger's <see cref="LedgerVerifier"/> and <see cref="LedgerCheckpointer"/>,
    /// and the accounts and delegations (<see cref="EfUserStore"/>, <see cref="EfDelegationStore"/>).
    /// </summary>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        services.AddPooledDbContextFactory<WorkflowDbContext>(configure);
        // A registered importer (the host's, with its activity catalogue) reads stored definitions the way they were deployed.
        services.AddSingleton(sp => new EfDefinitionStore(
            sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetService<TimeProvider>(), sp.GetService<BpmnImporter>()));
        services.AddSingleton<IDefinitionStore>(sp => sp.GetRequiredService<EfDefinitionStore>());
        services.AddSingleton(sp => new DefinitionQueries(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton<IInstanceStore>(sp => new EfInstanceStore(
            sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetRequiredService<IDefinitionStore>(), sp.GetService<TimeProvider>()));
        services.AddSingleton<ITimerJobStore>(sp => new EfTimerJobStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton(sp => new TaskQueries(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton(sp => new CaseQueries(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton(sp => new IncidentCounts(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton(sp => new LedgerVerifier(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.AddSingleton(sp => new LedgerCheckpointer(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new EfUserStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new EfDelegationStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetService<TimeProvider>()));
        return services;
    }
}
