using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public abstract class DurableRuntimeMessageCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly string WaitForCallBack = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
        {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
        """, """<bpmn:message id="M1" name="caller-called-back" />""");

    [Fact]
    public async Task CorrelateMessageAsync_DeliversToEveryWaitingInstance_WithThatBusinessKeyOnly()
    {
        await H.DeployAsync(WaitForCallBack);
        var runtime = H.Runtime();
        var first = await StartAsync(runtime, businessKey: "J-1");
        var second = await StartAsync(runtime, businessKey: "J-1");
        var other = await StartAsync(runtime, businessKey: "J-2");

        var delivered = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", new Dictionary<string, object?> { ["note"] = "ok" }, Actors.Integration, Ct);

        Assert.Equal(2, delivered.Value);
        foreach (var id in new[] { first.Id, second.Id })
        {
            var stored = await H.LoadAsync(id);
            Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
            Assert.Equal("ok", stored.Instance.Variables["note"]);
            var line = Assert.Single(await H.HistoryAsync(id), l => l.Kind == "message-delivered");
            Assert.Equal(("wait", "integration"), (line.ElementId, line.Actor));
        }
        Assert.Equal(InstanceStatus.Running, (await H.LoadAsync(other.Id)).Instance.Status);
        Assert.Equal(0, (await runtime.CorrelateMessageAsync("caller-called-back", "J-1", null, Actors.Integration, Ct)).Value);
        Assert.Equal(0, (await runtime.CorrelateMessageAsync("someone-else", "J-2", null, Actors.Integration, Ct)).Value);
    }

    [Fact]
    public async Task CorrelateMessageAsync_RefusesAndDeliversNothing_WhenVariablesAreInvalid()
    {
        await H.DeployAsync(WaitForCallBack);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime, businessKey: "J-1");

        var result = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", new Dictionary<string, object?> { ["bad"] = new object() }, Actors.Integration, Ct);

        Assert.Equal(EngineErrors.InvalidValue, result.Error?.Code);
        Assert.Equal(1, (await H.LoadAsync(instance.Id)).Revision);
    }

    [Fact]
    public async Task CorrelateMessageAsync_TriesAgain_WhenAnotherCommandChangedTheInstanceMeanwhile()
    {
        await H.DeployAsync(WaitForCallBack);
        var instance = await StartAsync(H.Runtime(), businessKey: "J-1");
        var runtime = H.Runtime(new BumpBeforeFirstSave(H.Store));

        var delivered = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", null, Actors.Integration, Ct);

        Assert.Equal(1, delivered.Value);
        var stored = await H.LoadAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
        Assert.Equal(3, stored.Revision); // the interfering save, then the delivery
        Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "message-delivered");
    }

    /// <summary>Before the first save, saves the same instance unchanged, as a concurrent command would.</summary>
    private sealed class BumpBeforeFirstSave(IInstanceStore inner) : DelegatingInstanceStore(inner)
    {
        private bool _bumped;

        public override async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
        {
            if (!_bumped)
            {
                _bumped = true;
                var current = (await LoadAsync(changes[0].Instance.Id, cancellationToken))!;
                await base.SaveAsync([new InstanceChange(current.Instance, current.Revision)], [], cancellationToken);
            }
            return await base.SaveAsync(changes, history, cancellationToken);
        }
    }
}
