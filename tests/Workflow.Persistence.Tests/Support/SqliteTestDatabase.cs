using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflow.Persistence.Sqlite;

namespace Workflow.Persistence.Tests.Support;

/// <summary>A real SQLite file in the temp folder, migrated on first use and deleted afterwards.</summary>
public sealed class SqliteTestDatabase : ITestDatabase, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"workflow-test-{Guid.NewGuid():N}.db");
    private IDbContextFactory<WorkflowDbContext>? _contexts;

    private string ConnectionString => $"Data Source={_path}";

    /// <inheritdoc />
    public IDbContextFactory<WorkflowDbContext> Contexts => _contexts ?? throw new InvalidOperationException("call OpenAsync first");

    /// <summary>Creates and migrates the file.</summary>
    public async Task<ITestDatabase> OpenAsync()
    {
        if (_contexts is null)
        {
            _contexts = ContextsWith();
            await using var db = await _contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }
        return this;
    }

    /// <inheritdoc />
    public IDbContextFactory<WorkflowDbContext> ContextsWith(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        options.UseWorkflowSqlite(ConnectionString);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }
        return new PooledDbContextFactory<WorkflowDbContext>(options.Options);
    }

    /// <inheritdoc />
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
