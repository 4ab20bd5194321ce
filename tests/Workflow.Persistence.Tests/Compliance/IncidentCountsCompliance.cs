using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tests.Support;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>The <c>open_incidents</c> column each save keeps, the administrator's list of stopped instances, and the backfill.</summary>
public abstract class IncidentCountsCompliance : StoreTests
{
    /// <summary>Waits at a task when x is positive; otherwise no flow matches and an incident stops it at the gateway.</summary>
    private static readonly string Gate = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "g")}{Flow("f1", "g", "t", "x > 0")}{Flow("f2", "t", "e")}
        """);

    private async Task<(Stores Stores, ProcessInstance Stopped, ProcessInstance Waiting, ProcessDefinition Definition)> SeedAsync()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(Document(Gate), Ct)).Definition;
        var stopped = Engine.Start(definition, new StartRequest { Variables = new Dictionary<string, object?> { ["x"] = 0 } }, out _);
        Assert.Single(stopped.Incidents);
        var waiting = Engine.Start(definition, new StartRequest { Variables = new Dictionary<string, object?> { ["x"] = 1 } }, out _);
        Assert.Empty(waiting.Incidents);
        await SaveAsync(stores.Instances, stopped, 0);
        await SaveAsync(stores.Instances, waiting, 0);
        return (stores, stopped, waiting, definition);
    }

    [Fact]
    public async Task AStoppedInstance_IsListed_UntilItEnds()
    {
        var (stores, stopped, _, definition) = await SeedAsync();
        var counts = new IncidentCounts(stores.Database.Contexts);

        var page = await counts.FindAsync(0, 10, Ct);
        Assert.Equal(1, page.Total);
        Assert.Equal((stopped.Id, "p", 1, 1), (page.Items[0].Id, page.Items[0].ProcessId, page.Items[0].Version, page.Items[0].OpenIncidents));

        Assert.True(Engine.Cancel(definition, stopped).Succeeded);
        await SaveAsync(stores.Instances, stopped, 1);
        Assert.Equal(0, (await counts.FindAsync(0, 10, Ct)).Total);
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, (await db.Instances.SingleAsync(i => i.Id == stopped.Id, Ct)).OpenIncidents);
    }

    [Fact]
    public async Task Backfill_CountsRunningInstancesSavedBeforeTheColumn_AndLeavesCountedOnesAlone()
    {
        var (stores, stopped, waiting, _) = await SeedAsync();
        await using (var db = await stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            // As the migration leaves running instances: not counted yet.
            await db.Instances.ExecuteUpdateAsync(u => u.SetProperty(i => i.OpenIncidents, (int?)null), Ct);
        }
        var counts = new IncidentCounts(stores.Database.Contexts);
        Assert.Equal(0, (await counts.FindAsync(0, 10, Ct)).Total);

        Assert.Equal(2, await counts.BackfillAsync(stores.Instances, Ct));
        Assert.Equal([stopped.Id], (await counts.FindAsync(0, 10, Ct)).Items.Select(i => i.Id));
        Assert.Equal(0, await counts.BackfillAsync(stores.Instances, Ct));
        await using var check = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, (await check.Instances.SingleAsync(i => i.Id == waiting.Id, Ct)).OpenIncidents);
    }

    [Fact]
    public async Task Find_PagesAndRefusesBadArguments()
    {
        var (stores, _, _, definition) = await SeedAsync();
        for (var n = 0; n < 2; n++)
        {
            await SaveAsync(stores.Instances, Engine.Start(definition, new StartRequest { Variables = new Dictionary<string, object?> { ["x"] = -n } }, out _), 0);
        }
        var counts = new IncidentCounts(stores.Database.Contexts);
        var second = await counts.FindAsync(1, 1, Ct);
        Assert.Equal((3, 1), (second.Total, second.Items.Count));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counts.FindAsync(0, 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counts.FindAsync(-1, 10, Ct));
    }
}
