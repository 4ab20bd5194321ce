using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Conventions;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence;

/// <summary>
/// The workflow database: definitions, instances and the tables derived from instance state (tasks, timers)
/// plus the ledger (history). Mapping lives in one <see cref="IEntityTypeConfiguration{TEntity}"/> per row class; the
/// provider assemblies (<c>Workflow.Persistence.Sqlite</c>, <c>.PostgreSql</c>, <c>.SqlServer</c>) hold the migrations.
/// </summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    // Providers are compared by name so that this assembly needs no provider package (the ledger's dialects use them too).
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    internal const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    internal const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";

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
    /// <summary>
    /// The accountability ledger (instance history and global events), read-only: entries are written only by
    /// <see cref="LedgerWriter"/>, and never changed or deleted (the database refuses it too).
    /// </summary>
    public IQueryable<LedgerRow> Ledger => Set<LedgerRow>().AsNoTracking();
    /// <summary>
    /// The last entry of every ledger stream without an instance row (the global stream), read-only (moved by
    /// <see cref="LedgerWriter"/>). An instance's stream keeps its head in the instance's row (<see cref="InstanceRow.LedgerSeq"/>).
    /// </summary>
    public IQueryable<LedgerHeadRow> LedgerHeads => Set<LedgerHeadRow>().AsNoTracking();
    /// <summary>Ledger checkpoints, read-only (written by <see cref="LedgerCheckpointer"/>).</summary>
    public IQueryable<LedgerCheckpointRow> LedgerCheckpoints => Set<LedgerCheckpointRow>().AsNoTracking();

    private string? _provider;

    /// <summary>
    /// <see cref="Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade.ProviderName"/>, asked once per context: EF builds
    /// it from the provider assembly's name on every call, which cost 1–2 % of a command's CPU on the hot path. A pooled context
    /// keeps its options, so the provider never changes.
    /// </summary>
    internal string? ProviderName => _provider ??= Database.ProviderName;

    /// <summary>Whether this context runs on SQLite (one writer per file).</summary>
    internal bool IsSqlite => ProviderName == SqliteProvider;

    /// <summary>Whether this context runs on PostgreSQL through Npgsql (positional <c>$n</c> parameters, statement batches).</summary>
    internal bool IsNpgsql => ProviderName == NpgsqlProvider;

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
