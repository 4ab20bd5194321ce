using System.Diagnostics.Metrics;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

public abstract class TimerExecutorCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly string Wait = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait">{Timer("PT1H")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
        {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
        """);

    /// <summary>A task with a reminder every hour, three times, that does not withdraw the task.</summary>
    private static readonly string Remind = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" />
        <bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false">
          <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="e" /><bpmn:endEvent id="reminded" />
        {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}{Flow("f2", "remind", "reminded")}
        """);

    [Fact]
    public async Task RunOnceAsync_FiresNothing_WhenNoTimerIsDue()
    {
        await H.DeployAsync(Wait);
        await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromMinutes(59);
        Assert.Equal(0, await new TimerExecutor(H.Runtime()).RunOnceAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_FiresTimersThatCameDueWhileDown_AfterARestart()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        // "Restart": two hours later, a new runtime and executor over new store objects on the same database.
        H.Clock.Now += TimeSpan.FromHours(2);
        var executor = new TimerExecutor(await H.NodeAsync());

        Assert.Equal(1, await executor.RunOnceAsync(10, Ct));

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
        var fired = Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "timer-fired");
        Assert.Equal(("wait", "timer"), (fired.ElementId, fired.Actor));
        Assert.Equal([TimeSpan.FromHours(1).TotalMilliseconds], executor.RecentLags);
        Assert.Equal(0, await executor.RunOnceAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_RecordsLagInTheTimerLagHistogram()
    {
        var measured = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Workflow.Engine" && instrument.Name == TimerExecutor.LagInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (measured)
            {
                measured.Add(value);
            }
        });
        listener.Start();
        await H.DeployAsync(Wait);
        await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(4321);

        await new TimerExecutor(H.Runtime()).RunOnceAsync(10, Ct);

        lock (measured)
        {
            Assert.Contains(4321d, measured); // other tests may record at the same time
        }
    }

    [Fact]
    public async Task TwoExecutors_FireEveryTimerExactlyOnce_WhenRunConcurrentlyOverOneDatabase()
    {
        await H.DeployAsync(Wait);
        var runtime = H.Runtime();
        var timers = new Dictionary<Guid, Guid>(); // instance → its timer
        for (var i = 0; i < 40; i++)
        {
            var instance = await StartAsync(runtime);
            timers[instance.Id] = Assert.Single(instance.Timers).Id;
        }
        H.Clock.Now += TimeSpan.FromHours(2);
        // Two nodes, each with its own runtime over its own store objects; the yielding store makes their commands interleave.
        var nodes = new[]
        {
            new TimerExecutor(await H.NodeAsync(store => new YieldingInstanceStore(store))),
            new TimerExecutor(await H.NodeAsync(store => new YieldingInstanceStore(store))),
        };

        var fired = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var total = 0;
            for (var round = 0; round < 100 && (await H.Store.FindDueTimersAsync(H.Clock.Now, 1, Ct)).Count > 0; round++)
            {
                total += await node.RunOnceAsync(7, Ct);
            }
            return total;
        }, Ct)));

        Assert.Equal(timers.Count, fired.Sum());
        foreach (var (instanceId, timerId) in timers)
        {
            var line = Assert.Single(await H.HistoryAsync(instanceId), l => l.Kind == "timer-fired");
            Assert.Contains(timerId.ToString(), line.Data, StringComparison.Ordinal);
            Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instanceId)).Instance.Status);
        }
        Assert.Empty(await H.Store.FindDueTimersAsync(DateTimeOffset.MaxValue, 10, Ct));
        Assert.All(nodes, n => Assert.Empty(n.Failures));
    }

    [Fact]
    public async Task RunOnceAsync_FiresATimer_WhoseDueTimeIsNotAWholeMicrosecond()
    {
        // A real clock has 100 ns ticks; PostgreSQL keeps microseconds. The occurrence must still be recognised.
        H.Clock.Now = H.Clock.Now.AddTicks(1_234_567);
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);

        Assert.Equal(1, await new TimerExecutor(await H.NodeAsync()).RunOnceAsync(10, Ct));

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
    }

    [Fact]
    public async Task TwoExecutors_FireEveryOccurrenceOfARepeatingTimerExactlyOnce()
    {
        H.Clock.Now = H.Clock.Now.AddTicks(1_234_567); // not a whole microsecond, as with a real clock
        await H.DeployAsync(Remind);
        var runtime = H.Runtime();
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await StartAsync(runtime)).Id);
        }
        H.Clock.Now += TimeSpan.FromHours(5); // all three occurrences are due
        var nodes = new[] { new TimerExecutor(await H.NodeAsync()), new TimerExecutor(await H.NodeAsync()) };

        var fired = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var total = 0;
            for (var round = 0; round < 100 && (await H.Store.FindDueTimersAsync(H.Clock.Now, 1, Ct)).Count > 0; round++)
            {
                total += await node.RunOnceAsync(3, Ct);
            }
            return total;
        }, Ct)));

        Assert.Equal(3 * ids.Count, fired.Sum());
        foreach (var id in ids)
        {
            var lines = (await H.HistoryAsync(id)).Where(l => l.Kind == "timer-fired").ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal(3, lines.Select(l => l.Data).Distinct().Count()); // three occurrences (due times), none twice
            var stored = (await H.LoadAsync(id)).Instance;
            Assert.Equal((InstanceStatus.Running, "t"), (stored.Status, Assert.Single(stored.Tasks).ElementId));
            Assert.Empty(stored.Timers);
        }
        Assert.All(nodes, n => Assert.Empty(n.Failures));
    }

    [Fact]
    public async Task RunOnceAsync_LeavesTheNextOccurrence_WhenAnotherNodeFiredTheOneItFound()
    {
        H.Clock.Now = H.Clock.Now.AddTicks(1_234_567);
        await H.DeployAsync(Remind);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(2); // the first and the second occurrence are due
        var other = await H.NodeAsync();
        // Between this node's look-up and its command, the other node fires the occurrence it found.
        var racing = new TimerExecutor(await H.NodeAsync(store => new AfterFindingDueTimers(store, async due =>
            Assert.True((await other.FireTimerAsync(due[0].InstanceId, due[0].TimerId, Ct)).Succeeded))));

        Assert.Equal(0, await racing.RunOnceAsync(1, Ct)); // the timer it found moved on: not fired again
        Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "timer-fired");
        Assert.Equal(1, await racing.RunOnceAsync(1, Ct)); // the second occurrence, found afresh

        var lines = (await H.HistoryAsync(instance.Id)).Where(l => l.Kind == "timer-fired").ToList();
        Assert.Equal(2, lines.Select(l => l.Data).Distinct().Count());
        Assert.Empty(racing.Failures);
    }

    [Fact]
    public async Task RunOnceAsync_BacksOffExponentially_AndListsTheTimerAfterMaxAttempts()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        var timerId = instance.Timers[0].Id;
        H.Clock.Now += TimeSpan.FromHours(1);
        var failing = new FailingSaveStore(H.Store);
        var executor = new TimerExecutor(H.Runtime(failing), new TimerExecutorOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMinutes(1) });

        Assert.Equal(0, await executor.RunOnceAsync(10, Ct)); // attempt 1, next in 1 min
        Assert.Equal(0, await executor.RunOnceAsync(10, Ct)); // backing off: not tried
        Assert.Equal(1, failing.Saves);
        H.Clock.Now += TimeSpan.FromMinutes(1);
        await executor.RunOnceAsync(10, Ct);                  // attempt 2, next in 2 min
        H.Clock.Now += TimeSpan.FromMinutes(1);
        await executor.RunOnceAsync(10, Ct);                  // still backing off
        Assert.Equal(2, failing.Saves);
        Assert.Empty(executor.Failures);
        H.Clock.Now += TimeSpan.FromMinutes(1);
        await executor.RunOnceAsync(10, Ct);                  // attempt 3: given up

        var failure = Assert.Single(executor.Failures);
        Assert.Equal((instance.Id, timerId, 3, DurableErrors.TimerFailed), (failure.InstanceId, failure.TimerId, failure.Attempts, failure.LastError.Code));
        Assert.Contains("database went away", failure.LastError.Message, StringComparison.Ordinal);
        H.Clock.Now += TimeSpan.FromHours(1);
        await executor.RunOnceAsync(10, Ct);
        Assert.Equal(3, failing.Saves);
        // A healthy node still fires it: the failure was this executor's, nothing was written.
        Assert.Equal(1, await new TimerExecutor(H.Runtime()).RunOnceAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_FiresOtherTimers_WhenGivenUpTimersFillTheBatch()
    {
        await H.DeployAsync(Wait);
        var runtime = H.Runtime();
        var stuck = await StartAsync(runtime);
        H.Clock.Now += TimeSpan.FromMinutes(1);
        var healthy = await StartAsync(runtime);
        H.Clock.Now += TimeSpan.FromHours(2);
        var executor = new TimerExecutor(H.Runtime(new FailOneInstanceStore(H.Store, stuck.Id)), new TimerExecutorOptions { MaxAttempts = 1 });

        Assert.Equal(0, await executor.RunOnceAsync(1, Ct)); // the earliest timer fails and is given up
        Assert.Equal(1, await executor.RunOnceAsync(1, Ct)); // the next one is not crowded out

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(healthy.Id)).Instance.Status);
        Assert.Equal(stuck.Id, Assert.Single(executor.Failures).InstanceId);
    }

    [Fact]
    public async Task RunAsync_PollsUntilCancelled()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var saves = new SignallingInstanceStore(H.Store);
        var running = new TimerExecutor(H.Runtime(saves)).RunAsync(TimeSpan.FromMilliseconds(10), stop.Token);

        await saves.Saved.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the first poll fired the timer
        await stop.CancelAsync();
        await running; // returns, does not throw

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
    }

    [Fact]
    public async Task FireTimerAsync_ReturnsTimerNotDue_BeforeItsDueTime()
    {
        await H.DeployAsync(Wait);
        var runtime = H.Runtime();
        var instance = await StartAsync(runtime);

        var early = await runtime.FireTimerAsync(instance.Id, instance.Timers[0].Id, Ct);

        Assert.Equal(DurableErrors.TimerNotDue, early.Error?.Code);
        Assert.Equal(1, (await H.LoadAsync(instance.Id)).Revision);
        Assert.Equal(EngineErrors.TimerNotFound, (await runtime.FireTimerAsync(instance.Id, Guid.NewGuid(), Ct)).Error?.Code);
    }

    [Fact]
    public void Constructor_Throws_WhenOptionsCannotWork()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimerExecutor(H.Runtime(), new TimerExecutorOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimerExecutor(H.Runtime(), new TimerExecutorOptions { MaxRetryDelay = TimeSpan.Zero }));
    }

    /// <summary>Runs an action once, after the first look-up of due timers that found any, before returning them.</summary>
    private sealed class AfterFindingDueTimers(IInstanceStore inner, Func<IReadOnlyList<DueTimer>, Task> action) : DelegatingInstanceStore(inner)
    {
        private bool _done;

        public override async Task<IReadOnlyList<DueTimer>> FindDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
        {
            var due = await base.FindDueTimersAsync(now, limit, cancellationToken);
            if (!_done && due.Count > 0)
            {
                _done = true;
                await action(due);
            }
            return due;
        }
    }

    /// <summary>Saves touching one instance fail; the rest go through.</summary>
    private sealed class FailOneInstanceStore(IInstanceStore inner, Guid broken) : DelegatingInstanceStore(inner)
    {
        public override Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history,
            CancellationToken cancellationToken = default) =>
            changes.Any(c => c.Instance.Id == broken) ? throw new IOException("row is locked") : base.SaveAsync(changes, history, cancellationToken);
    }
}
