using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.PostgreSql;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.SqlServer;
using Workflow.Host.Features.Definitions;

namespace Workflow.Host.Features.Storage;

/// <summary>Database and durable runtime for the host (the timer executor: <see cref="Timers.TimerSetup"/>).</summary>
public static class StorageSetup
{
    /// <summary>Registers the configured database provider, the stores and the durable runtime.</summary>
    public static IServiceCollection AddWorkflowStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider.ToLowerInvariant() is "sqlite" or "postgresql" or "sqlserver", "Workflow:Database:Provider must be sqlite, postgresql or sqlserver")
            .Validate(o => o.TimerPollInterval > TimeSpan.Zero, "Workflow:Database:TimerPollInterval must be positive")
            .ValidateOnStart();
        var connectionString = configuration.GetConnectionString("Workflow") is { Length: > 0 } configured ? configured : null;
        services.AddWorkflowPersistence(db =>
        {
            switch (options.Provider.ToLowerInvariant())
            {
                case "postgresql":
                    db.UseWorkflowPostgreSql(Required(connectionString, "postgresql"));
                    break;
                case "sqlserver":
                    db.UseWorkflowSqlServer(Required(connectionString, "sqlserver"));
                    break;
                default:
                    db.UseWorkflowSqlite(connectionString ?? DefaultSqlite(environment, options), synchronous: options.SqliteSynchronous);
                    break;
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DurableRuntime(sp.GetRequiredService<IDefinitionStore>(), sp.GetRequiredService<IInstanceStore>(),
            new DurableRuntimeOptions
            {
                Clock = sp.GetRequiredService<TimeProvider>(),
                Activities = Activities.ServiceActivities.Create(),
                Rules = Activities.Rules.PoliceRules.Create(),
                Delegations = sp.GetRequiredService<Workflow.Engine.Accountability.IDelegationSource>(),
            }));
        return services;
    }

    /// <summary>
    /// Applies migrations and deploys the definitions folder: a file whose content no version of its processes has had becomes
    /// their next version; a file deployed before leaves the latest version alone, so a version published since through the API
    /// is not undone by a restart (<see cref="EfDefinitionStore.DeployNewContentAsync"/>).
    /// </summary>
    public static async Task InitializeStorageAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }
        var counted = await app.Services.GetRequiredService<IncidentCounts>().BackfillAsync(app.Services.GetRequiredService<IInstanceStore>());
        if (counted > 0 && app.Logger.IsEnabled(LogLevel.Information))
        {
            app.Logger.LogInformation("Counted the incidents of {Count} running instances saved before open_incidents existed", counted);
        }
        var catalog = app.Services.GetRequiredService<DefinitionCatalog>();
        var store = app.Services.GetRequiredService<EfDefinitionStore>();
        foreach (var file in catalog.Files.Where(f => f.Result.IsValid))
        {
            await store.DeployNewContentAsync(file.Result.Document!);
        }
    }

    private static string DefaultSqlite(IHostEnvironment environment, DatabaseOptions options)
    {
        var folder = Path.IsPathRooted(options.DataPath) ? options.DataPath : Path.Combine(environment.ContentRootPath, options.DataPath);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "workflow.db")}";
    }

    private static string Required(string? connectionString, string provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new OptionsValidationException("ConnectionStrings:Workflow", typeof(DatabaseOptions),
                [$"ConnectionStrings:Workflow is required for the {provider} provider"])
            : connectionString;
}
