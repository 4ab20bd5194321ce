using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Conventions;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.History;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence;

/// <summary>
/// The workflow database: definitions, instances and the tables derived from instance state (tasks, timers)
/// plus history. Mapping lives in one <see cref="IEntityTypeConfiguration{TEntity}"/> per row class; the
/// provider assemblies (<c>Workflow.Persistence.Sqlite</c>, <c>.PostgreSql</c>, <c>.SqlServer</c>) hold the migrations.
/// </summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    // Compared by name so that this assembly needs no provider package.
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Deployed process versions.</summary>
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    /// <summary>Process instances.</summary>
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    /// <summary>The task inbox.</summary>
    public DbSet<TaskRow> Tasks => Set<TaskRow>();
    /// <summary>Candidate roles of tasks.</summary>
    public DbSet<TaskCandidateRow> TaskCandidates => Set<TaskCandidateRow>();
    /// <summary>Armed timers.</summary>
    public DbSet<TimerRow> Timers => Set<TimerRow>();
    /// <summary>Instance history.</summary>
    public DbSet<HistoryRow> History => Set<HistoryRow>();

    /// <summary>Whether this context runs on SQLite (one writer per file).</summary>
    internal bool IsSqlite => Database.ProviderName == SqliteProvider;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.ProviderName == SqliteProvider)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<TimestampConverters.UtcTicks>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<TimestampConverters.Utc>();
        }
    }
}
