using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>Versioning of <see cref="EfDefinitionStore"/>: the same rules as the in-memory store, and durable.</summary>
public abstract class DefinitionStoreCompliance : StoreTests
{
    private static string Version(string taskName, string processId = "p") => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" name="{taskName}" /><bpmn:endEvent id="e" />{Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """, processId: processId);

    [Fact]
    public async Task Deploy_CreatesAVersionPerChange_AndIgnoresIdenticalContent()
    {
        var store = (await CreateStoresAsync()).Definitions;
        Assert.Equal(1, Assert.Single(await store.DeployAsync(Document(Version("审核")), Ct)).Version);
        Assert.Equal(1, Assert.Single(await store.DeployAsync(Document(Version("审核")), Ct)).Version);
        Assert.Equal(2, Assert.Single(await store.DeployAsync(Document(Version("复核")), Ct)).Version);

        Assert.Equal(2, (await store.FindAsync("p", cancellationToken: Ct))!.Version);
        Assert.Equal("审核", (await store.FindAsync("p", 1, Ct))!.Definition.FindNode("t")!.Name);
        Assert.Equal([1, 2], (await store.ListVersionsAsync("p", Ct)).Select(v => v.Version));
        Assert.Null(await store.FindAsync("unknown", cancellationToken: Ct));
        Assert.Null(await store.FindAsync("p", 3, Ct));
        Assert.Empty(await store.ListVersionsAsync("unknown", Ct));
    }

    [Fact]
    public async Task Deploy_ContentBackToAnOlderVersion_IsANewVersion()
    {
        var store = (await CreateStoresAsync()).Definitions;
        await store.DeployAsync(Document(Version("审核")), Ct);
        await store.DeployAsync(Document(Version("复核")), Ct);
        Assert.Equal(3, Assert.Single(await store.DeployAsync(Document(Version("审核")), Ct)).Version);
    }

    [Fact]
    public async Task Deploy_VersionsEachProcessOfTheFileSeparately()
    {
        var store = (await CreateStoresAsync()).Definitions;
        await store.DeployAsync(Document(Version("a", "other")), Ct);
        var deployed = await store.DeployAsync(Document(Version("b", "p")), Ct);
        Assert.Equal(("p", 1), (deployed[0].ProcessId, deployed[0].Version));
        Assert.Equal(1, (await store.FindAsync("other", cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task Find_AfterARestart_CompilesTheStoredSource()
    {
        var stores = await CreateStoresAsync();
        var document = Document(Version("审核"));
        var deployed = Assert.Single(await stores.Definitions.DeployAsync(document, Ct));

        var fresh = new EfDefinitionStore(stores.Database.Contexts, Clock);
        var found = await fresh.FindAsync("p", cancellationToken: Ct);
        Assert.NotNull(found);
        Assert.Equal(1, fresh.CachedVersions);
        Assert.Equal((deployed.Version, deployed.ContentHash, document.Source), (found.Version, found.ContentHash, found.Source));
        Assert.Equal(deployed.DeployedAt, found.DeployedAt);
        Assert.Equal("审核", found.Definition.FindNode("t")!.Name);
        Assert.Same(found, await fresh.FindAsync("p", 1, Ct));
    }

    [Fact]
    public async Task ConcurrentDeploys_OfDifferentContent_GetConsecutiveVersions()
    {
        var store = (await CreateStoresAsync()).Definitions;
        await store.DeployAsync(Document(Version("v1")), Ct);
        var deploys = await Task.WhenAll(Enumerable.Range(2, 4).Select(n =>
            Task.Run(() => store.DeployAsync(Document(Version($"v{n}")), Ct), Ct)));
        Assert.Equal([2, 3, 4, 5], deploys.Select(d => Assert.Single(d).Version).Order());
        Assert.Equal([1, 2, 3, 4, 5], (await store.ListVersionsAsync("p", Ct)).Select(v => v.Version));
    }

    [Fact]
    public async Task ConcurrentDeploys_OfTheSameContent_CreateOneVersion()
    {
        var store = (await CreateStoresAsync()).Definitions;
        var deploys = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => store.DeployAsync(Document(Version("same")), Ct), Ct)));
        Assert.All(deploys, d => Assert.Equal(1, Assert.Single(d).Version));
        Assert.Single(await store.ListVersionsAsync("p", Ct));
    }

    [Fact]
    public async Task DeployNewContent_KeepsAVersionPublishedSince_AndDeploysContentNeverSeen()
    {
        var store = (await CreateStoresAsync()).Definitions;
        var file = Document(Version("审核"));
        await store.DeployNewContentAsync(file, Ct);
        await store.PublishAsync(Document(Version("复核")), new Publisher("gao.admin", "admin", "bureau"), Ct);

        // The host restarts with the folder's file unchanged: the published version stays the latest.
        var current = Assert.Single(await store.DeployNewContentAsync(file, Ct));
        Assert.Equal(2, current.Version);
        Assert.Equal("复核", current.Definition.FindNode("t")!.Name);
        Assert.Equal([1, 2], (await store.ListVersionsAsync("p", Ct)).Select(v => v.Version));

        // The file changed on disk: new content becomes the next version.
        Assert.Equal(3, Assert.Single(await store.DeployNewContentAsync(Document(Version("终审")), Ct)).Version);
        // Nothing deployed yet: the first version, as any deployment.
        Assert.Equal(1, Assert.Single(await store.DeployNewContentAsync(Document(Version("a", "other")), Ct)).Version);
    }

    [Fact]
    public async Task Versions_NamePublisherAndRunningInstances_AndProcessesTheirLatest()
    {
        var stores = await CreateStoresAsync();
        var store = stores.Definitions;
        await store.DeployNewContentAsync(Document(Version("审核")), Ct);
        await store.PublishAsync(Document(Version("复核")), new Publisher("gao.admin", "admin", "bureau"), Ct);
        await store.DeployAsync(Document(Version("a", "other")), Ct);
        var v1 = (await store.FindAsync("p", 1, Ct))!;
        var v2 = (await store.FindAsync("p", 2, Ct))!;
        for (var n = 0; n < 2; n++)
        {
            await SaveAsync(stores.Instances, Engine.Start(v1.Definition, new StartRequest { Version = 1 }, out _), 0);
        }
        await SaveAsync(stores.Instances, Engine.Start(v2.Definition, new StartRequest { Version = 2 }, out _), 0);
        var cancelled = Engine.Start(v1.Definition, new StartRequest { Version = 1 }, out _);
        await SaveAsync(stores.Instances, cancelled, 0);
        Assert.True(Engine.Cancel(v1.Definition, cancelled).Succeeded);
        await SaveAsync(stores.Instances, cancelled, 1);
        var queries = new DefinitionQueries(stores.Database.Contexts);

        var versions = await queries.VersionsAsync("p", Ct);
        Assert.Equal([(1, "system", 2), (2, "gao.admin", 1)], versions.Select(v => (v.Version, v.PublishedBy, v.RunningInstances)));
        Assert.Equal(v1.ContentHash, versions[0].ContentHash);
        Assert.Equal(Clock.GetUtcNow(), versions[1].DeployedAt);
        Assert.Empty(await queries.VersionsAsync("unknown", Ct));
        Assert.Equal([("other", 1, 1), ("p", 2, 2)], (await queries.ProcessesAsync(Ct)).Select(p => (p.ProcessId, p.LatestVersion, p.Versions)));

        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var published = await db.Ledger.SingleAsync(e => e.Kind == EfDefinitionStore.DefinitionPublished && e.Actor == "gao.admin", Ct);
        Assert.Equal(("admin", "bureau", "p"), (published.Role, published.Unit, published.ElementId));
    }
}
