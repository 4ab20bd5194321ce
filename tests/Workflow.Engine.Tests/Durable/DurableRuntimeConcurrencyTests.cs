using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public class DurableRuntimeConcurrencyTests
{
    private static readonly string TwoSteps = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "A")}{Flow("f1", "A", "B")}{Flow("f2", "B", "e")}
        """);

    private readonly DurableHarness _h = new();

    [Fact]
    public async Task CompleteAsync_ExactlyOneSucceeds_WhenTwoCommandsCompleteTheSameTaskAtOnce()
    {
        await _h.DeployAsync(TwoSteps);
        var instance = await StartAsync(_h.Runtime());
        var taskId = instance.Tasks[0].Id;
        // Both commands load before either saves: the first save waits until the second load happened.
        var runtime = _h.Runtime(new PausingInstanceStore(_h.Store));

        var results = await Task.WhenAll(
            Task.Run(() => runtime.CompleteAsync(taskId, TaskCompletion.Empty, "u1", Ct), Ct),
            Task.Run(() => runtime.CompleteAsync(taskId, TaskCompletion.Empty, "u2", Ct), Ct));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        // The pause makes both load the open task, so the loser is refused at the save, not before.
        Assert.Equal(DurableErrors.ConcurrencyConflict, loser.Error!.Code);
        Assert.Contains(instance.Id.ToString(), loser.Error.Message, StringComparison.Ordinal);
        var stored = await _h.LoadAsync(instance.Id);
        Assert.Equal(2, stored.Revision);
        Assert.Equal("B", Assert.Single(stored.Instance.Tasks).ElementId);
        var history = await _h.HistoryAsync(instance.Id);
        Assert.Single(history, l => l.Kind == "task-completed");
        Assert.Single(history, l => l.Kind == "task-created" && l.ElementId == "B");
    }

    [Fact]
    public async Task CompleteAsync_LeavesStoreUnchanged_WhenTheSaveThrows()
    {
        await _h.DeployAsync(TwoSteps);
        var instance = await StartAsync(_h.Runtime());
        var before = InstanceStateSerializer.Serialize((await _h.LoadAsync(instance.Id)).Instance);
        var lines = (await _h.HistoryAsync(instance.Id)).Count;
        var failing = new FailingSaveStore(_h.Store);

        await Assert.ThrowsAsync<IOException>(() => _h.Runtime(failing).CompleteAsync(instance.Tasks[0].Id, TaskCompletion.Empty, "u1", Ct));

        Assert.Equal(1, failing.Saves);
        var stored = await _h.LoadAsync(instance.Id);
        Assert.Equal(1, stored.Revision);
        Assert.Equal(before, InstanceStateSerializer.Serialize(stored.Instance));
        Assert.Equal(lines, (await _h.HistoryAsync(instance.Id)).Count);
    }

    [Fact]
    public async Task StartAsync_CreatesNeitherCallerNorCalled_WhenTheSaveThrows()
    {
        await _h.DeployAsync(CallFlows.Child);
        await _h.DeployAsync(CallFlows.Parent);
        var recording = new RecordingInstanceStore(new FailingSaveStore(_h.Store));

        await Assert.ThrowsAsync<IOException>(() => _h.Runtime(recording).StartAsync("p", cancellationToken: Ct));

        var attempted = Assert.Single(recording.Saves);
        Assert.Equal(2, attempted.Count); // caller and called were meant to be created together ...
        foreach (var change in attempted)
        {
            Assert.Null(await _h.Store.LoadAsync(change.Instance.Id, Ct)); // ... and neither was
            Assert.Empty(await _h.HistoryAsync(change.Instance.Id));
        }
    }

    [Fact]
    public async Task CompleteAsync_OfCalledInstance_ConflictsAndWritesNothing_WhenTheCallerMovedMeanwhile()
    {
        await _h.DeployAsync(CallFlows.Child);
        await _h.DeployAsync(CallFlows.Parent);
        var runtime = _h.Runtime();
        var parent = await StartAsync(runtime);
        var childId = parent.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;
        var childTask = (await _h.LoadAsync(childId)).Instance.Tasks[0].Id;
        // The caller is changed by someone else between the child's load and its save.
        var interfering = new InterferingStore(_h.Store, parent.Id);

        var result = await _h.Runtime(interfering).CompleteAsync(childTask, TaskCompletion.Empty, "u1", Ct);

        Assert.Equal(DurableErrors.ConcurrencyConflict, result.Error?.Code);
        Assert.Contains(parent.Id.ToString(), result.Error!.Message, StringComparison.Ordinal);
        var child = await _h.LoadAsync(childId);
        Assert.Equal(1, child.Revision);
        Assert.Equal(InstanceStatus.Running, child.Instance.Status);
        Assert.DoesNotContain(await _h.HistoryAsync(childId), l => l.Kind == "task-completed");
    }

    /// <summary>Just before the first save, bumps the revision of one instance as another command would.</summary>
    private sealed class InterferingStore(IInstanceStore inner, Guid victim) : DelegatingInstanceStore(inner)
    {
        private bool _done;

        public override async Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                var other = (await LoadAsync(victim, cancellationToken))!;
                Assert.True((await base.SaveAsync([new InstanceChange(other.Instance, other.Revision)], [], cancellationToken)).Saved);
            }
            return await base.SaveAsync(changes, history, cancellationToken);
        }
    }
}
