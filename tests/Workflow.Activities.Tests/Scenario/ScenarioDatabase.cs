using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflow.Activities.Import;
using Workflow.Engine.Import;
using Workflow.Engine.Storage;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Sqlite;

namespace Workflow.Activities.Tests.Scenario;

/// <summary>A real SQLite file in the temp folder, migrated, with the product's stores on it; deleted afterwards.</summary>
internal sealed class ScenarioDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"workflow-scenario-{Guid.NewGuid():N}.db");

    private ScenarioDatabase()
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlite($"Data Source={_path}");
        Contexts = new PooledDbContextFactory<WorkflowDbContext>(options.Options);
    }

    public IDbContextFactory<WorkflowDbContext> Contexts { get; }

    public static async Task<ScenarioDatabase> OpenAsync()
    {
        var database = new ScenarioDatabase();
        await using var db = await database.Contexts.CreateDbContextAsync(ScenarioHarness.Ct);
        await db.Database.MigrateAsync(ScenarioHarness.Ct);
        return database;
    }

    // Stored definitions are read back with the catalogue, as the host reads them.
    public IDefinitionStore Definitions(TimeProvider clock) => new EfDefinitionStore(Contexts, clock, new BpmnImporter(PoliceImport.Options()));

    public IInstanceStore Instances(IDefinitionStore definitions, TimeProvider clock) => new EfInstanceStore(Contexts, definitions, clock);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left in the temp folder: harmless.
            }
        }
        return ValueTask.CompletedTask;
    }
}
