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
        Assert.Equal(0, await H.Executor().RunOnceAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_FiresTimersThatCameDueWhileDown_AfterARestart()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        // "Restart": two hours later, a new runtime and executor over new store objects on the same database.
        H.Clock.Now += TimeSpan.FromHours(2);
        var executor = await H.ExecutorNodeAsync();

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

        await H.Executor().RunOnceAsync(10, Ct);

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
            await H.ExecutorNodeAsync(store => new YieldingInstanceStore(store)),
            await H.ExecutorNodeAsync(store => new YieldingInstanceStore(store)),
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
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_FiresATimer_WhoseDueTimeIsNotAWholeMicrosecond()
    {
        // A real clock has 100 ns ticks; PostgreSQL keeps microseconds. The occurrence must still be recognised.
        H.Clock.Now = H.Clock.Now.AddTicks(1_234_567);
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);

        Assert.Equal(1, await (await H.ExecutorNodeAsync()).RunOnceAsync(10, Ct));

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
        var nodes = new[] { await H.ExecutorNodeAsync(), await H.ExecutorNodeAsync() };

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
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_LeavesTheNextOccurrence_WhenAnotherNodeFiredTheOneItFound()
    {
        H.Clock.Now = H.Clock.Now.AddTicks(1_234_567);
        await H.DeployAsync(Remind);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(2); // the first and the second occurrence are due
        var other = await H.NodeAsync();
        // Between this node's claim and its command, the other node fires the occurrence it claimed (a manual firing takes no lease).
        var racing = await H.ExecutorNodeAsync(wrapJobs: jobs => new AfterClaiming(jobs, async claimed =>
            Assert.True((await other.FireTimerAsync(claimed[0].InstanceId, claimed[0].TimerId, Ct)).Succeeded)));

        Assert.Equal(0, await racing.RunOnceAsync(1, Ct)); // the timer it found moved on: not fired again
        Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == "timer-fired");
        Assert.Equal(1, await racing.RunOnceAsync(1, Ct)); // the second occurrence, found afresh

        var lines = (await H.HistoryAsync(instance.Id)).Where(l => l.Kind == "timer-fired").ToList();
        Assert.Equal(2, lines.Select(l => l.Data).Distinct().Count());
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
    }

    [Fact]
    public async Task RunOnceAsync_BacksOffExponentially_ThenKeepsAnIncidentThatSurvivesARestart_AndFiresAfterTheAdministratorsRetry()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        var (timerId, due) = (instance.Timers[0].Id, instance.Timers[0].Due);
        H.Clock.Now += TimeSpan.FromHours(1);
        var failing = new FailingSaveStore(H.Store);
        var options = new TimerExecutorOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMinutes(1) };
        var executor = H.Executor(H.Runtime(failing), options);

        Assert.Equal(0, await executor.RunOnceAsync(10, Ct)); // attempt 1, next in 1 min
        Assert.Equal(0, await executor.RunOnceAsync(10, Ct)); // backing off: not tried
        Assert.Equal(1, failing.Saves);
        H.Clock.Now += TimeSpan.FromMinutes(1);
        await executor.RunOnceAsync(10, Ct);                  // attempt 2, next in 2 min
        H.Clock.Now += TimeSpan.FromMinutes(1);
        await executor.RunOnceAsync(10, Ct);                  // still backing off
        Assert.Equal(2, failing.Saves);
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
        H.Clock.Now += TimeSpan.FromMinutes(1);
        var givenUpAt = H.Clock.Now;
        await executor.RunOnceAsync(10, Ct);                  // attempt 3: given up
        var saves = failing.Saves;                            // the three firings, and the incident's history line (refused by the same store)
        H.Clock.Now += TimeSpan.FromHours(1);
        await executor.RunOnceAsync(10, Ct);
        Assert.Equal(saves, failing.Saves);                   // a given-up job is not claimed any more

        // "Restart": new store objects on the same database see the incident; a healthy executor there does not fire it either.
        var node = await H.NodeStoresAsync();
        var failure = Assert.Single(await node.Jobs.FindFailedAsync(10, Ct));
        Assert.Equal((instance.Id, timerId, 3, givenUpAt), (failure.InstanceId, failure.TimerId, failure.Attempts, failure.FailedAt));
        Assert.Equal(due, failure.Due);
        Assert.StartsWith(DurableErrors.TimerFailed, failure.LastError, StringComparison.Ordinal);
        Assert.Contains("database went away", failure.LastError, StringComparison.Ordinal);
        var healthy = new TimerExecutor(H.RuntimeOn(node), node.Jobs, options);
        Assert.Equal(0, await healthy.RunOnceAsync(10, Ct));
        Assert.Equal(InstanceStatus.Running, (await H.LoadAsync(instance.Id)).Instance.Status);

        // The cause is gone (the healthy node); an administrator retries; the next poll fires it.
        var incidents = new TimerIncidents(H.RuntimeOn(node), node.Jobs);
        var incident = Assert.Single(await incidents.ListAsync(10, Ct));
        Assert.Equal((timerId, "p", "wait", 3), (incident.TimerId, incident.ProcessId, incident.ElementId, incident.Attempts));
        var retried = await incidents.RetryAsync(timerId, Actors.Admin, Ct);
        Assert.True(retried.Succeeded, retried.Error?.Message);
        Assert.Empty(await incidents.ListAsync(10, Ct));
        Assert.Equal(1, await healthy.RunOnceAsync(10, Ct));

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
        var history = await H.HistoryAsync(instance.Id);
        var retryLine = Assert.Single(history, l => l.Kind == HistoryKinds.TimerRetried);
        Assert.Equal(("wait", Actors.Admin.Id), (retryLine.ElementId, retryLine.Actor));
        Assert.Single(history, l => l.Kind == HistoryKinds.TimerFired);
        Assert.Equal(DurableErrors.TimerJobNotFound, (await incidents.RetryAsync(timerId, Actors.Admin, Ct)).Error?.Code); // fired: the job is gone
    }

    [Fact]
    public async Task RunOnceAsync_WritesTheIncidentToTheInstanceHistory_WhenTheStoreTakesIt()
    {
        await H.DeployAsync(Wait);
        var broken = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var executor = H.Executor(H.Runtime(new FailFiringStore(H.Store)), new TimerExecutorOptions { MaxAttempts = 1 });

        Assert.Equal(0, await executor.RunOnceAsync(10, Ct));

        var line = Assert.Single(await H.HistoryAsync(broken.Id), l => l.Kind == HistoryKinds.TimerIncident);
        Assert.Equal(("wait", DurableRuntime.TimerActor.Id), (line.ElementId, line.Actor));
        Assert.Contains("row is locked", line.Data, StringComparison.Ordinal);
        Assert.Equal(broken.Id, Assert.Single(await H.Jobs.FindFailedAsync(10, Ct)).InstanceId);
    }

    [Fact]
    public async Task RunOnceAsync_LeavesAJobLeasedByAnotherNode_UntilTheLeaseExpires()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        // Node A claims the job and dies before firing it.
        Assert.Single(await H.Jobs.ClaimDueAsync("node-a", H.Clock.Now, TimeSpan.FromMinutes(1), 10, Ct));
        var nodeB = await H.ExecutorNodeAsync(options: new TimerExecutorOptions { LeaseDuration = TimeSpan.FromMinutes(1) });

        Assert.Equal(0, await nodeB.RunOnceAsync(10, Ct));
        H.Clock.Now += TimeSpan.FromSeconds(59);
        Assert.Equal(0, await nodeB.RunOnceAsync(10, Ct));
        Assert.Equal(InstanceStatus.Running, (await H.LoadAsync(instance.Id)).Instance.Status);
        H.Clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(1, await nodeB.RunOnceAsync(10, Ct));

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(instance.Id)).Instance.Status);
        Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == HistoryKinds.TimerFired);
    }

    [Fact]
    public async Task RunOnceAsync_GivesTheNextOccurrenceOfACycleFreshAttempts()
    {
        await H.DeployAsync(Remind);
        var instance = await StartAsync(H.Runtime());
        var options = new TimerExecutorOptions { MaxAttempts = 2, RetryDelay = TimeSpan.FromMinutes(1) };
        var failing = H.Executor(H.Runtime(new FailingSaveStore(H.Store)), options);
        var healthy = H.Executor(H.Runtime(), options);
        H.Clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(0, await failing.RunOnceAsync(10, Ct)); // first occurrence: attempt 1 of 2 fails
        H.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await healthy.RunOnceAsync(10, Ct)); // and then fires

        H.Clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(0, await failing.RunOnceAsync(10, Ct)); // second occurrence: its attempt 1 of 2, not a second one

        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
        H.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await healthy.RunOnceAsync(10, Ct));
        Assert.Equal(2, (await H.HistoryAsync(instance.Id)).Count(l => l.Kind == HistoryKinds.TimerFired));
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
        var executor = H.Executor(H.Runtime(new FailOneInstanceStore(H.Store, stuck.Id)), new TimerExecutorOptions { MaxAttempts = 1 });

        Assert.Equal(0, await executor.RunOnceAsync(1, Ct)); // the earliest timer fails and is given up
        Assert.Equal(1, await executor.RunOnceAsync(1, Ct)); // the next one is not crowded out

        Assert.Equal(InstanceStatus.Completed, (await H.LoadAsync(healthy.Id)).Instance.Status);
        Assert.Equal(stuck.Id, Assert.Single(await H.Jobs.FindFailedAsync(10, Ct)).InstanceId);
    }

    [Fact]
    public async Task RunAsync_PollsUntilCancelled()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var saves = new SignallingInstanceStore(H.Store);
        var running = H.Executor(H.Runtime(saves)).RunAsync(TimeSpan.FromMilliseconds(10), stop.Token);

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
        Assert.Throws<ArgumentOutOfRangeException>(() => H.Executor(options: new TimerExecutorOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => H.Executor(options: new TimerExecutorOptions { MaxRetryDelay = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => H.Executor(options: new TimerExecutorOptions { LeaseDuration = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => H.Executor(options: new TimerExecutorOptions { Owner = new string('n', TimerExecutorOptions.MaxOwnerLength + 1) }));
    }

    /// <summary>Runs an action once, after the first claim that got any jobs, before returning them.</summary>
    private sealed class AfterClaiming(ITimerJobStore inner, Func<IReadOnlyList<TimerJobLease>, Task> action) : DelegatingTimerJobStore(inner)
    {
        private bool _done;

        public override async Task<IReadOnlyList<TimerJobLease>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int limit,
            CancellationToken cancellationToken = default)
        {
            var claimed = await base.ClaimDueAsync(owner, now, leaseDuration, limit, cancellationToken);
            if (!_done && claimed.Count > 0)
            {
                _done = true;
                await action(claimed);
            }
            return claimed;
        }
    }

    /// <summary>Saves that fire a timer fail; other saves (history lines) go through.</summary>
    private sealed class FailFiringStore(IInstanceStore inner) : DelegatingInstanceStore(inner)
    {
        public override Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history,
            CancellationToken cancellationToken = default) =>
            changes.Count > 0 ? throw new IOException("row is locked") : base.SaveAsync(changes, history, cancellationToken);
    }

    /// <summary>Saves touching one instance fail; the rest go through.</summary>
    private sealed class FailOneInstanceStore(IInstanceStore inner, Guid broken) : DelegatingInstanceStore(inner)
    {
        public override Task<SaveResult> SaveAsync(IReadOnlyList<InstanceChange> changes, IReadOnlyList<HistoryEntry> history,
            CancellationToken cancellationToken = default) =>
            changes.Any(c => c.Instance.Id == broken) ? throw new IOException("row is locked") : base.SaveAsync(changes, history, cancellationToken);
    }
}
