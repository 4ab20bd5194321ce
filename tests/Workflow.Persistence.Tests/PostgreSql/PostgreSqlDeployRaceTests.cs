using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.PostgreSql;

/// <summary>
/// PostgreSQL does not serialise deployments (SQLite does, at BEGIN IMMEDIATE): a deployment loses to every other
/// deployment of the process that commits between its read of the latest version and its insert, and tries again.
/// </summary>
public sealed class PostgreSqlDeployRaceTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Version(string taskName) => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" name="{taskName}" /><bpmn:endEvent id="e" />{Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """);

    [Fact]
    public async Task Deploy_GetsTheNextVersion_WhenFiveOtherDeploymentsGetInFirst()
    {
        var db = await database.OpenAsync();
        var others = new EfDefinitionStore(db.Contexts);
        var interfered = 0;
        // Just before each insert of this store, another node deploys and commits the version it is about to take.
        var store = new EfDefinitionStore(db.ContextsWith(new BeforeSaveChanges(async () =>
        {
            if (interfered < 5)
            {
                interfered++;
                await others.DeployAsync(Document(Version($"other {interfered}")), Ct);
            }
        })));

        var deployed = Assert.Single(await store.DeployAsync(Document(Version("mine")), Ct));

        Assert.Equal((5, 6), (interfered, deployed.Version));
        Assert.Equal("mine", (await others.FindAsync("p", cancellationToken: Ct))!.Definition.FindNode("t")!.Name);
        Assert.Equal([1, 2, 3, 4, 5, 6], (await others.ListVersionsAsync("p", Ct)).Select(v => v.Version));
    }

    private sealed class BeforeSaveChanges(Func<Task> action) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await action();
            return result;
        }
    }
}
