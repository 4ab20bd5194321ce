using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Storage;

public class DefinitionStoreTests
{
    private static string Version(string taskName) => Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" name="{taskName}" /><bpmn:endEvent id="e" />{Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
        """);

    [Fact]
    public async Task Deploy_CreatesAVersionPerChange_AndIgnoresIdenticalContent()
    {
        var store = new InMemoryDefinitionStore();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(1, Assert.Single(await store.DeployAsync(Document(Version("审核")), ct)).Version);
        Assert.Equal(1, Assert.Single(await store.DeployAsync(Document(Version("审核")), ct)).Version);
        Assert.Equal(2, Assert.Single(await store.DeployAsync(Document(Version("复核")), ct)).Version);

        Assert.Equal(2, (await store.FindAsync("p", cancellationToken: ct))!.Version);
        Assert.Equal("审核", (await store.FindAsync("p", 1, ct))!.Definition.FindNode("t")!.Name);
        Assert.Equal([1, 2], (await store.ListVersionsAsync("p", ct)).Select(v => v.Version));
        Assert.Null(await store.FindAsync("unknown", cancellationToken: ct));
    }
}
