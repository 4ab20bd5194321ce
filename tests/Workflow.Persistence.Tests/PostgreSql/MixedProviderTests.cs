using Workflow.Persistence.Definitions;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.PostgreSql;

/// <summary>
/// One process may hold stores on SQLite and on PostgreSQL (the Host's tests do; a migration tool would): what a store
/// keeps compiled must belong to its own database.
/// </summary>
public sealed class MixedProviderTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteTestDatabase _sqlite = new();

    private static string Version(string taskName) => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" name="{taskName}" /><bpmn:endEvent id="e" />{Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """);

    [Fact]
    public async Task TheLatestVersion_IsFoundOnEachDatabase_InOneProcess()
    {
        var onSqlite = new EfDefinitionStore((await _sqlite.OpenAsync()).Contexts);
        var onPostgres = new EfDefinitionStore((await database.OpenAsync()).Contexts);
        await onSqlite.DeployAsync(Document(Version("lite")), Ct);
        await onPostgres.DeployAsync(Document(Version("pg 1")), Ct);
        await onPostgres.DeployAsync(Document(Version("pg 2")), Ct);

        Assert.Equal((1, "lite"), Latest(await onSqlite.FindAsync("p", cancellationToken: Ct)));
        Assert.Equal((2, "pg 2"), Latest(await onPostgres.FindAsync("p", cancellationToken: Ct)));
        Assert.Equal((1, "lite"), Latest(await new EfDefinitionStore(_sqlite.Contexts).FindAsync("p", cancellationToken: Ct)));
    }

    private static (int, string?) Latest(Workflow.Engine.Storage.DeployedDefinition? found) =>
        (found!.Version, found.Definition.FindNode("t")!.Name);

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();
}
