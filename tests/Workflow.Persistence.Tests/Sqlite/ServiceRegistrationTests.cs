using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Sqlite;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

public sealed class ServiceRegistrationTests : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task AddWorkflowPersistence_RegistersTheStoresOnOneContextFactory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var migrated = await (await _database.OpenAsync()).Contexts.CreateDbContextAsync(ct);
        var services = new ServiceCollection()
            .AddWorkflowPersistence(o => o.UseWorkflowSqlite(migrated.Database.GetConnectionString()!));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<EfDefinitionStore>(provider.GetRequiredService<IDefinitionStore>());
        var instances = Assert.IsType<EfInstanceStore>(provider.GetRequiredService<IInstanceStore>());
        var tasks = provider.GetRequiredService<TaskQueries>();
        Assert.Null(await instances.LoadAsync(Guid.NewGuid(), ct));
        Assert.Equal(0, (await tasks.FindAsync(new TaskQuery { UserId = "alice" }, ct)).Total);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
