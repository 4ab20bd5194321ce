using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Durable.DurableHarness;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

/// <summary>
/// <see cref="ITimerJobStore"/> on each storage: claims and leases, failure bookkeeping, give-up and the administrator's
/// retry, and how the jobs follow the instances (a re-armed cycle starts afresh, a withdrawn timer takes its job along).
/// </summary>
public abstract class TimerJobStoreCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static readonly string Wait = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait">{Timer("PT1H")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
        {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
        """);

    private static readonly string Remind = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" />
        <bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false">
          <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="e" /><bpmn:endEvent id="reminded" />
        {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}{Flow("f2", "remind", "reminded")}
        """);

    private Task<IReadOnlyList<TimerJobLease>> ClaimAsync(string owner, int limit = 10, ITimerJobStore? jobs = null) =>
        (jobs ?? H.Jobs).ClaimDueAsync(owner, H.Clock.Now, Lease, limit, Ct);

    /// <summary>A due job of a fresh instance of <see cref="Wait"/>, given up by "node-a" with error "boom".</summary>
    private async Task<(ProcessInstance Instance, TimerJobLease Lease)> FailedJobAsync()
    {
        await H.DeployAsync(Wait);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var lease = Assert.Single(await ClaimAsync("node-a"));
        Assert.True(await H.Jobs.GiveUpAsync(lease, "boom", H.Clock.Now, Ct));
        return (instance, lease);
    }

    [Fact]
    public async Task ClaimDueAsync_ClaimsDueJobsEarliestFirst_UpToTheLimit_AndNoneBeforeItsDueTime()
    {
        await H.DeployAsync(Wait);
        var runtime = H.Runtime();
        var first = await StartAsync(runtime);                   // due at 09:00
        H.Clock.Now += TimeSpan.FromMinutes(10);
        var second = await StartAsync(runtime);                  // due at 09:10
        H.Clock.Now += TimeSpan.FromMinutes(10);
        await StartAsync(runtime);                               // due at 09:20
        H.Clock.Now += TimeSpan.FromMinutes(39);                 // 08:59
        Assert.Empty(await ClaimAsync("node-a"));

        H.Clock.Now += TimeSpan.FromMinutes(11);                 // 09:10
        var a = Assert.Single(await ClaimAsync("node-a", limit: 1));
        var b = Assert.Single(await ClaimAsync("node-b"));

        Assert.Equal((first.Id, first.Timers[0].Id, first.Timers[0].Due, 0), (a.InstanceId, a.TimerId, a.Due, a.Attempts));
        Assert.Equal(("node-a", H.Clock.Now + Lease), (a.Owner, a.LeaseUntil));
        Assert.Equal((second.Id, second.Timers[0].Id, "node-b"), (b.InstanceId, b.TimerId, b.Owner));
        Assert.Empty(await ClaimAsync("node-c"));
    }

    [Fact]
    public async Task ClaimDueAsync_SkipsAJobLeasedByAnotherExecutor_UntilTheLeaseExpires()
    {
        await H.DeployAsync(Wait);
        await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var a = Assert.Single(await ClaimAsync("node-a"));
        var nodeB = (await H.NodeStoresAsync()).Jobs;

        Assert.Empty(await ClaimAsync("node-b", jobs: nodeB));
        H.Clock.Now += Lease - TimeSpan.FromSeconds(1);
        Assert.Empty(await ClaimAsync("node-b", jobs: nodeB));
        H.Clock.Now += TimeSpan.FromSeconds(1);
        var b = Assert.Single(await ClaimAsync("node-b", jobs: nodeB));

        Assert.Equal(a.TimerId, b.TimerId);
        // A, late, can no longer book anything on the job: it is B's now.
        Assert.False(await H.Jobs.RecordFailureAsync(a, "late", H.Clock.Now, Ct));
        Assert.False(await H.Jobs.GiveUpAsync(a, "late", H.Clock.Now, Ct));
        Assert.False(await H.Jobs.ReleaseAsync(a, Ct));
        Assert.Empty(await ClaimAsync("node-a"));
        Assert.True(await nodeB.ReleaseAsync(b, Ct));
        Assert.Equal(0, Assert.Single(await ClaimAsync("node-a")).Attempts);
    }

    [Fact]
    public async Task ClaimDueAsync_HandsEveryJobToExactlyOneExecutor_WhenTwoClaimAtOnce()
    {
        await H.DeployAsync(Wait);
        var runtime = H.Runtime();
        var timers = new HashSet<Guid>();
        for (var i = 0; i < 30; i++)
        {
            timers.Add((await StartAsync(runtime)).Timers[0].Id);
        }
        H.Clock.Now += TimeSpan.FromHours(1);
        var nodes = new[] { (await H.NodeStoresAsync()).Jobs, (await H.NodeStoresAsync()).Jobs };

        var claimed = await Task.WhenAll(nodes.Select((jobs, n) => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            for (IReadOnlyList<TimerJobLease> batch; (batch = await ClaimAsync($"node-{n}", limit: 4, jobs: jobs)).Count > 0;)
            {
                mine.AddRange(batch.Select(l => l.TimerId));
            }
            return mine;
        }, Ct)));

        Assert.Equal(timers.Order(), claimed.SelectMany(c => c).Order()); // all of them, none twice
    }

    [Fact]
    public async Task RecordFailureAsync_CountsTheAttempt_AndHoldsTheJobBackUntilTheNextAttemptTime()
    {
        await H.DeployAsync(Wait);
        await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var lease = Assert.Single(await ClaimAsync("node-a"));

        Assert.True(await H.Jobs.RecordFailureAsync(lease, "boom", H.Clock.Now + TimeSpan.FromMinutes(2), Ct));

        Assert.Empty(await ClaimAsync("node-b"));              // released, but backing off
        H.Clock.Now += TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1);
        Assert.Empty(await ClaimAsync("node-b"));
        H.Clock.Now += TimeSpan.FromSeconds(1);
        var again = Assert.Single(await ClaimAsync("node-b"));
        Assert.Equal((lease.TimerId, 1), (again.TimerId, again.Attempts));
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
    }

    [Fact]
    public async Task GiveUpAsync_KeepsAFailedJob_ThatNoClaimReturns_AndAnotherNodeLists()
    {
        var (instance, lease) = await FailedJobAsync();
        var failedAt = H.Clock.Now;

        H.Clock.Now += TimeSpan.FromDays(1);
        Assert.Empty(await ClaimAsync("node-b"));
        var node = await H.NodeStoresAsync();                    // another node, or this one after a restart
        var failed = Assert.Single(await node.Jobs.FindFailedAsync(10, Ct));

        Assert.Equal(new FailedTimerJob(instance.Id, lease.TimerId, lease.Due, 1, "boom", failedAt), failed);
        Assert.Equal(instance.Timers[0].Due, failed.Due);
    }

    [Fact]
    public async Task RetryAsync_MakesAFailedJobClaimableAgain_WithNoAttempts()
    {
        var (instance, lease) = await FailedJobAsync();
        var node = await H.NodeStoresAsync();

        var retry = await node.Jobs.RetryAsync(lease.TimerId, Ct);

        Assert.Equal(TimerJobRetryOutcome.Retried, retry.Outcome);
        Assert.Equal((instance.Id, 1, "boom"), (retry.Job!.InstanceId, retry.Job.Attempts, retry.Job.LastError));
        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
        var claimed = Assert.Single(await ClaimAsync("node-b"));
        Assert.Equal((lease.TimerId, 0), (claimed.TimerId, claimed.Attempts));
        Assert.Equal(new TimerJobRetry(TimerJobRetryOutcome.NotFailed, null), await H.Jobs.RetryAsync(lease.TimerId, Ct));
        Assert.Equal(new TimerJobRetry(TimerJobRetryOutcome.NotFound, null), await H.Jobs.RetryAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task FailedJob_IsGone_WhenItsInstanceIsCancelled()
    {
        var (instance, lease) = await FailedJobAsync();

        Assert.True((await H.Runtime().CancelAsync(instance.Id, Actors.Admin, Ct)).Succeeded);

        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
        Assert.Equal(TimerJobRetryOutcome.NotFound, (await H.Jobs.RetryAsync(lease.TimerId, Ct)).Outcome);
    }

    [Fact]
    public async Task ReArmedCycle_StartsWithNoAttemptsAndNoBackOff_AfterAFailedAttemptOfTheLastOccurrence()
    {
        await H.DeployAsync(Remind);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var first = Assert.Single(await ClaimAsync("node-a"));
        Assert.True(await H.Jobs.RecordFailureAsync(first, "boom", H.Clock.Now + TimeSpan.FromHours(10), Ct));

        // The occurrence fires by another way (a manual firing takes no lease); the save re-arms the cycle.
        Assert.True((await H.Runtime().FireTimerAsync(instance.Id, first.TimerId, Ct)).Succeeded);
        H.Clock.Now += TimeSpan.FromHours(1);

        var second = Assert.Single(await ClaimAsync("node-b"));
        Assert.Equal((first.TimerId, first.Due + TimeSpan.FromHours(1), 0), (second.TimerId, second.Due, second.Attempts));
    }

    [Fact]
    public async Task ReArmedCycle_IsNotFailed_WhenItsGivenUpOccurrenceFiredAnotherWay()
    {
        await H.DeployAsync(Remind);
        var instance = await StartAsync(H.Runtime());
        H.Clock.Now += TimeSpan.FromHours(1);
        var first = Assert.Single(await ClaimAsync("node-a"));
        Assert.True(await H.Jobs.GiveUpAsync(first, "boom", H.Clock.Now, Ct));

        Assert.True((await H.Runtime().FireTimerAsync(instance.Id, first.TimerId, Ct)).Succeeded);

        Assert.Empty(await H.Jobs.FindFailedAsync(10, Ct));
        H.Clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(0, Assert.Single(await ClaimAsync("node-b")).Attempts);
    }

    [Fact]
    public async Task TimerIncidents_NameTheElement_AndRefuseToRetryWhatIsNotFailed()
    {
        var (instance, lease) = await FailedJobAsync();
        var incidents = new TimerIncidents(H.Runtime(), H.Jobs);

        var incident = Assert.Single(await incidents.ListAsync(10, Ct));
        Assert.Equal(new TimerIncident(lease.TimerId, instance.Id, "p", "wait", lease.Due, 1, "boom", H.Clock.Now), incident);

        Assert.True((await incidents.RetryAsync(lease.TimerId, Actors.Admin, Ct)).Succeeded);
        Assert.Equal(DurableErrors.TimerJobNotFailed, (await incidents.RetryAsync(lease.TimerId, Actors.Admin, Ct)).Error?.Code);
        Assert.Equal(DurableErrors.TimerJobNotFound, (await incidents.RetryAsync(Guid.NewGuid(), Actors.Admin, Ct)).Error?.Code);
        var line = Assert.Single(await H.HistoryAsync(instance.Id), l => l.Kind == HistoryKinds.TimerRetried);
        Assert.Equal(("wait", Actors.Admin.Id), (line.ElementId, line.Actor));
        Assert.Contains("boom", line.Data, StringComparison.Ordinal);
    }
}
