using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Durable;
using Workflow.Engine.Tests.Durable.Accountability;
using static Workflow.Engine.Tests.Durable.DurableHarness;

namespace Workflow.Engine.Tests.Accountability;

/// <summary>The accountability part of instance state survives <see cref="InstanceStateSerializer"/> with JSON-shaped values.</summary>
public sealed class AccountabilityStateTests : IAsyncLifetime
{
    private readonly InMemoryDurableStorage _storage = new();
    private DurableHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await DurableHarness.OpenAsync(_storage);

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task Serializer_RoundTripsCompletionsLocksAmendmentsAndOffers()
    {
        await _h.DeployAsync(AccountabilityFlows.Case());
        var runtime = _h.Runtime();
        var id = (await StartAsync(runtime, variables: AccountabilityFlows.InUnit())).Id;
        var data = new Dictionary<string, object?> { ["summary"] = "盗窃", ["loss"] = 1200 };
        await _h.CompleteAsync(runtime, id, "Handle", actor: People.Officer, completion: new TaskCompletion { Data = data });
        await _h.CompleteAsync(runtime, id, "Review", "pass", People.Legal);
        await _h.CompleteAsync(runtime, id, "Approve", "approve", People.Head);
        var archive = await _h.TaskAsync(id, "Archive");
        Ok(await runtime.ClaimAsync(archive.Id, People.Officer, Ct));
        Ok(await runtime.OfferAsync(archive.Id, "chen.officer", "休假", People.Officer, Ct));
        var changes = new Dictionary<string, object?> { ["loss"] = 1500, ["summary"] = new Dictionary<string, object?> { ["text"] = "盗窃", ["items"] = new List<object?> { "车" } } };
        Ok(await runtime.ProposeAmendmentAsync(id, changes, "typo", "金额录错", People.Officer, Ct));

        var original = (await _h.LoadAsync(id)).Instance;
        var bytes = InstanceStateSerializer.Serialize(original);
        var copy = InstanceStateSerializer.Deserialize(bytes);

        Assert.Equal(bytes, InstanceStateSerializer.Serialize(copy));
        Assert.Equal(["Handle", "Review", "Approve"], copy.Completions!.Select(c => c.ElementId));
        Assert.Equal(("wang.legal", "reviewer", "pass", true), (copy.Completions![1].By, copy.Completions[1].Duty, copy.Completions[1].Outcome, copy.Completions[1].Forward));
        Assert.Equal(("Approve", "east"), (copy.Locks!["loss"].ElementId, copy.Locks["loss"].Unit));
        Assert.Equal(["unit-head"], copy.Locks["loss"].Roles!);
        Assert.Equal(("li.officer", "chen.officer", "休假"), (copy.Tasks[0].Offer!.From, copy.Tasks[0].Offer!.To, copy.Tasks[0].Offer!.Reason));
        var amendment = Assert.Single(copy.Amendments!);
        // Values come back JSON-shaped (double, string, dictionary, list), not as JsonElement.
        Assert.Equal(new FieldEdit("loss", 1200d, 1500d), amendment.Changes[0]);
        var summary = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(amendment.Changes[1].After);
        Assert.Equal("车", Assert.IsAssignableFrom<IReadOnlyList<object?>>(summary["items"])[0]);
    }
}
