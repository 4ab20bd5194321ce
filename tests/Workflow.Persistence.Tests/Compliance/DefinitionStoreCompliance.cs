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
}
