using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public abstract class DurableRuntimeConcurrencyCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly string TwoSteps = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "A")}{Flow("f1", "A", "B")}{Flow("f2", "B", "e")}
        """);

    [Fact]
    public async Task CompleteAsync_ExactlyOneSucceeds_WhenTwoCommandsCompleteTheSameTaskAtOnce()
    {
        await H.DeployAsync(TwoSteps);
        var instance = await StartAsync(H.Runtime());
        var taskId = instance.Tasks[0].Id;
        var u1 = Actors.Person("u1");
        Assert.True((await H.Runtime().ClaimAsync(taskId, u1, Ct)).Succeeded);
        // Both commands load before either saves: the first save waits until the second load happened.
        var runtime = H.Runtime(new PausingInstanceStore(H.Store));

        var results = await Task.WhenAll(
            Task.Run(() => runtime.CompleteAsync(taskId, TaskCompletion.Empty, u1, Ct), Ct),
            Task.Run(() => runtime.CompleteAsync(taskId, TaskCompletion.Empty, u1, Ct), Ct));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        // The pause makes both load the open task, so the loser is refused at the save, not before.
        Assert.Equal(DurableErrors.ConcurrencyConflict, loser.Error!.Code);
        Assert.Contains(instance.Id.ToString(), loser.Error.Message, StringComparison.Ordinal);
        var stored = await H.LoadAsync(instance.Id);
        Assert.Equal(3, stored.Revision); // started, claimed, completed once
        Assert.Equal("B", Assert.Single(stored.Instance.Tasks).ElementId);
        var history = await H.HistoryAsync(instance.Id);
        Assert.Single(history, l => l.Kind == "task-completed");
        Assert.Single(history, l => l.Kind == "task-created" && l.ElementId == "B");
    }

    [Fact]
    public async Task CompleteAsync_LeavesStoreUnchanged_WhenTheSaveCrashesPartWay()
    {
        await H.DeployAsync(TwoSteps);
        var instance = await StartAsync(H.Runtime());
        var u1 = Actors.Person("u1");
        Assert.True((await H.Runtime().ClaimAsync(instance.Tasks[0].Id, u1, Ct)).Succeeded);
        var before = InstanceStateSerializer.Serialize((await H.LoadAsync(instance.Id)).Instance);
        var lines = (await H.HistoryAsync(instance.Id)).Count;
        var crashing = new RecordingInstanceStore(await H.CrashingStoreAsync());

        await Assert.ThrowsAsync<IOException>(() => H.Runtime(crashing).CompleteAsync(instance.Tasks[0].Id, TaskCompletion.Empty, u1, Ct));

        Assert.Single(crashing.Saves);
        var stored = await H.LoadAsync(instance.Id);
        Assert.Equal(2, stored.Revision);
        Assert.Equal(before, InstanceStateSerializer.Serialize(stored.Instance));
        Assert.Equal(lines, (await H.HistoryAsync(instance.Id)).Count);
        // Task A is still open where it was (the task index was not touched either), and the command can be done again.
        Assert.Equal(instance.Id, await H.Store.FindByTaskAsync(instance.Tasks[0].Id, Ct));
        Assert.Equal("B", Assert.Single((await H.CompleteAsync(H.Runtime(), instance.Id, "A", actor: u1)).Tasks).ElementId);
        Assert.Equal(3, (await H.LoadAsync(instance.Id)).Revision);
    }

    [Fact]
    public async Task StartAsync_CreatesNeitherCallerNorCalled_WhenTheSaveCrashesPartWay()
    {
        await H.DeployAsync(CallFlows.Child);
        await H.DeployAsync(CallFlows.Parent);
        var recording = new RecordingInstanceStore(await H.CrashingStoreAsync());

        await Assert.ThrowsAsync<IOException>(() => H.Runtime(recording).StartAsync("p", Actors.Tester, cancellationToken: Ct));

        var attempted = Assert.Single(recording.Saves);
        Assert.Equal(2, attempted.Count); // caller and called were meant to be created together ...
        foreach (var change in attempted)
        {
            Assert.Null(await H.Store.LoadAsync(change.Instance.Id, Ct)); // ... and neither was
            Assert.Empty(await H.HistoryAsync(change.Instance.Id));
        }
    }

    [Fact]
    public async Task CompleteAsync_OfCalledInstance_ConflictsAndWritesNothing_WhenTheCallerMovedMeanwhile()
    {
        await H.DeployAsync(CallFlows.Child);
        await H.DeployAsync(CallFlows.Parent);
        var runtime = H.Runtime();
        var parent = await StartAsync(runtime);
        var childId = parent.Tokens.Single(t => t.ChildInstance is not null).ChildInstance!.Value;
        var childTask = (await H.LoadAsync(childId)).Instance.Tasks[0].Id;
        var u1 = Actors.Person("u1");
        Assert.True((await runtime.ClaimAsync(childTask, u1, Ct)).Succeeded);
        // The caller is changed by someone else between the child's load and its save.
        var interfering = new InterferingStore(H.Store, parent.Id);

        var result = await H.Runtime(interfering).CompleteAsync(childTask, TaskCompletion.Empty, u1, Ct);

        Assert.Equal(DurableErrors.ConcurrencyConflict, result.Error?.Code);
        Assert.Contains(parent.Id.ToString(), result.Error!.Message, StringComparison.Ordinal);
        var child = await H.LoadAsync(childId);
        Assert.Equal(2, child.Revision);
        Assert.Equal(InstanceStatus.Running, child.Instance.Status);
        Assert.DoesNotContain(await H.HistoryAsync(childId), l => l.Kind == "task-completed");
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
