using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Sqlite;

namespace Workflow.Persistence.Tests.Migrations;

/// <summary>
/// A database written before instances counted their incidents: ended instances get 0, running ones stay unknown (null)
/// until <see cref="IncidentCounts.BackfillAsync"/> reads their state.
/// </summary>
public sealed class OpenIncidentsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_EndedInstancesHaveNone_RunningOnesAreLeftToTheBackfill()
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflow-migration-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<WorkflowDbContext>();
            options.UseWorkflowSqlite($"Data Source={path}");
            var (running, completed) = (Guid.NewGuid(), Guid.NewGuid());
            await using (var db = new WorkflowDbContext(options.Options))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_InstanceOpenIncidents", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before, Ct);
                const string insert = "INSERT INTO instances (id, process_id, version, status, state, revision, started_at) VALUES ({0}, 'p', 1, {1}, {2}, 1, '0')";
                await db.Database.ExecuteSqlRawAsync(insert, [running, "running", new byte[] { 1 }], Ct);
                await db.Database.ExecuteSqlRawAsync(insert, [completed, "completed", new byte[] { 1 }], Ct);
            }

            await using (var db = new WorkflowDbContext(options.Options))
            {
                await db.Database.MigrateAsync(Ct);
                var counts = await db.Set<InstanceRow>().ToDictionaryAsync(i => i.Id, i => i.OpenIncidents, Ct);
                Assert.Null(counts[running]);
                Assert.Equal(0, counts[completed]);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
