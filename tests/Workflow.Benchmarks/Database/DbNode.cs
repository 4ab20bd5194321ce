using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Workflow.Persistence;
using Workflow.Persistence.Instances;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.Tasks;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// One "Host node": its own service provider with a pooled context factory, definition store (and its
/// compiled-definition cache), instance store, task queries and <see cref="DurableRuntime"/>, wired as
/// <c>Workflow.Host</c>'s StorageSetup does. Several nodes over one database behave like several Host
/// processes, except that they share this process's CPU, thread pool and GC.
/// </summary>
internal sealed class DbNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DbNode(ServiceProvider services, string provider, string connectionString)
    {
        _services = services;
        Provider = provider;
        ConnectionString = connectionString;
        Contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        Definitions = services.GetRequiredService<IDefinitionStore>();
        Instances = services.GetRequiredService<IInstanceStore>();
        Queries = services.GetRequiredService<TaskQueries>();
        Runtime = services.GetRequiredService<DurableRuntime>();
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<WorkflowDbContext> Contexts { get; }
    public IDefinitionStore Definitions { get; }
    public IInstanceStore Instances { get; }
    public TaskQueries Queries { get; }
    public DurableRuntime Runtime { get; }

    /// <summary>"sqlite" or "postgresql" (also "postgres", "pg"); null when unknown.</summary>
    public static string? NormalizeProvider(string? provider) => provider?.ToLowerInvariant() switch
    {
        "sqlite" => "sqlite",
        "postgresql" or "postgres" or "pg" or "npgsql" => "postgresql",
        _ => null,
    };

    /// <summary>
    /// Builds node <paramref name="index"/>. On PostgreSQL each node gets its own Npgsql connection pool
    /// (pools are per connection string, so the application name differs), as separate processes would.
    /// </summary>
    /// <param name="sqliteSynchronous">
    /// SQLite only: <c>PRAGMA synchronous</c> ("full" or "normal"), or null for what <c>UseWorkflowSqlite</c> ships (normal, ADR-006).
    /// </param>
    /// <param name="ledger">False builds the instance store with <see cref="NoLedger"/>: for measuring the ledger's cost only.</param>
    public static DbNode Create(string provider, string connectionString, int index, string? sqliteSynchronous = null, bool ledger = true)
    {
        var cs = provider == "postgresql"
            ? new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"workflow-db-load-node{index + 1}" }.ConnectionString
            : connectionString;
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        var logSql = Environment.GetEnvironmentVariable("WORKFLOW_LOAD_LOG_SQL") is { Length: > 0 };
        services.AddWorkflowPersistence(db =>
        {
            if (logSql)
            {
                // Debugging aid: every command EF sends, on stderr.
                db.LogTo(Console.Error.WriteLine, [RelationalEventId.CommandExecuted]);
            }
            if (provider == "postgresql")
            {
                db.UseWorkflowPostgreSql(cs);
            }
            else
            {
                db.UseWorkflowSqlite(cs, synchronous: sqliteSynchronous == "full" ? SqliteSynchronous.Full : SqliteSynchronous.Normal);
            }
        });
        if (!ledger)
        {
            // Registered after AddWorkflowPersistence, so this store is the one resolved.
            services.AddSingleton<IInstanceStore>(sp => new EfInstanceStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(),
                sp.GetRequiredService<IDefinitionStore>(), sp.GetService<TimeProvider>(), NoLedger.Instance));
        }
        services.AddSingleton(sp => new DurableRuntime(sp.GetRequiredService<IDefinitionStore>(), sp.GetRequiredService<IInstanceStore>(),
            new DurableRuntimeOptions { Clock = sp.GetRequiredService<TimeProvider>() }));
        return new DbNode(services.BuildServiceProvider(), provider, cs);
    }

    /// <summary>Applies the migrations of the provider.</summary>
    public async Task MigrateAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    /// <summary>Empties every table but <c>definitions</c> (and, on SQLite, the ledger).</summary>
    public async Task ResetAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        if (Provider == "postgresql")
        {
            // The ledger refuses TRUNCATE (append-only triggers); the benchmark, as the tables' owner, switches them off for the reset.
            const string ledger = "ledger, ledger_heads, ledger_checkpoints";
            var reset = string.Concat(ledger.Split(", ").Select(t => $"ALTER TABLE {t} DISABLE TRIGGER USER; "))
                + $"TRUNCATE {ledger}, task_candidates, tasks, timers, instances RESTART IDENTITY; "
                + string.Concat(ledger.Split(", ").Select(t => $"ALTER TABLE {t} ENABLE TRIGGER USER; "));
            await db.Database.ExecuteSqlRawAsync(reset);
        }
        else
        {
            // SQLite cannot switch triggers off: the append-only ledger keeps its rows (a fresh file gives a fresh ledger).
            await db.Database.ExecuteSqlRawAsync("DELETE FROM task_candidates; DELETE FROM tasks; DELETE FROM timers; DELETE FROM instances;");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Provider == "postgresql")
        {
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
