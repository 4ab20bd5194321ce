using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public class DurableRuntimeMessageTests
{
    private static readonly string WaitForCallBack = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
        {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
        """, """<bpmn:message id="M1" name="caller-called-back" />""");

    private readonly DurableHarness _h = new();

    [Fact]
    public async Task CorrelateMessageAsync_DeliversToEveryWaitingInstance_WithThatBusinessKeyOnly()
    {
        await _h.DeployAsync(WaitForCallBack);
        var runtime = _h.Runtime();
        var first = await StartAsync(runtime, businessKey: "J-1");
        var second = await StartAsync(runtime, businessKey: "J-1");
        var other = await StartAsync(runtime, businessKey: "J-2");

        var delivered = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", new Dictionary<string, object?> { ["note"] = "ok" }, Ct);

        Assert.Equal(2, delivered.Value);
        foreach (var id in new[] { first.Id, second.Id })
        {
            var stored = await _h.LoadAsync(id);
            Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
            Assert.Equal("ok", stored.Instance.Variables["note"]);
            var line = Assert.Single(await _h.HistoryAsync(id), l => l.Kind == "message-delivered");
            Assert.Equal(("wait", "message"), (line.ElementId, line.Actor));
        }
        Assert.Equal(InstanceStatus.Running, (await _h.LoadAsync(other.Id)).Instance.Status);
        Assert.Equal(0, (await runtime.CorrelateMessageAsync("caller-called-back", "J-1", null, Ct)).Value);
        Assert.Equal(0, (await runtime.CorrelateMessageAsync("someone-else", "J-2", null, Ct)).Value);
    }

    [Fact]
    public async Task CorrelateMessageAsync_RefusesAndDeliversNothing_WhenVariablesAreInvalid()
    {
        await _h.DeployAsync(WaitForCallBack);
        var runtime = _h.Runtime();
        var instance = await StartAsync(runtime, businessKey: "J-1");

        var result = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", new Dictionary<string, object?> { ["bad"] = new object() }, Ct);

        Assert.Equal(EngineErrors.InvalidValue, result.Error?.Code);
        Assert.Equal(1, (await _h.LoadAsync(instance.Id)).Revision);
    }

    [Fact]
    public async Task CorrelateMessageAsync_TriesAgain_WhenAnotherCommandChangedTheInstanceMeanwhile()
    {
        await _h.DeployAsync(WaitForCallBack);
        var instance = await StartAsync(_h.Runtime(), businessKey: "J-1");
        var runtime = _h.Runtime(new BumpBeforeFirstSave(_h.Store));

        var delivered = await runtime.CorrelateMessageAsync("caller-called-back", "J-1", null, Ct);

        Assert.Equal(1, delivered.Value);
        var stored = await _h.LoadAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, stored.Instance.Status);
        Assert.Equal(3, stored.Revision); // the interfering save, then the delivery
        Assert.Single(await _h.HistoryAsync(instance.Id), l => l.Kind == "message-delivered");
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
