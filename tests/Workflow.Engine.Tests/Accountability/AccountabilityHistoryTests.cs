using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Durable;
using Workflow.Engine.Tests.Durable.Accountability;
using static Workflow.Engine.Tests.Durable.DurableHarness;

namespace Workflow.Engine.Tests.Accountability;

/// <summary>
/// The ledger fields of history lines (role, unit, acting for, outcome), as the runtime hands them to the store. In memory
/// only: the database stores keep these fields once the ledger's columns exist.
/// </summary>
public sealed class AccountabilityHistoryTests : IAsyncLifetime
{
    private readonly InMemoryDurableStorage _storage = new();
    private DurableHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await DurableHarness.OpenAsync(_storage);

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task HistoryLines_NameRoleUnitAndOutcome_OfThePersonWhoActed()
    {
        await _h.DeployAsync(AccountabilityFlows.Case());
        var runtime = _h.Runtime();
        var instance = await StartAsync(runtime, variables: AccountabilityFlows.InUnit());
        await _h.CompleteAsync(runtime, instance.Id, "Handle", actor: Actor.Person("li.officer", ["duty-officer", "officer"], "east"));
        await _h.CompleteAsync(runtime, instance.Id, "Review", actor: People.Legal,
            completion: new TaskCompletion { Outcome = "return", ReasonCode = "evidence", Reason = "缺少证人证言" });

        var history = await _h.HistoryAsync(instance.Id);
        var claimed = history.First(l => l.Kind == "claimed");
        Assert.Equal(("li.officer", "officer", "east", null), (claimed.Actor, claimed.Role, claimed.Unit, claimed.ActingFor)); // the role the task asked for
        var returned = history.Last(l => l.Kind == "task-completed");
        Assert.Equal(("wang.legal", "legal-officer", null, "return"), (returned.Actor, returned.Role, returned.Unit, returned.Outcome));
        Assert.Contains("\"reasonCode\":\"evidence\"", returned.Data, StringComparison.Ordinal);
        Assert.All(history.Where(l => l.Kind == "entered"), l => Assert.Null(l.Outcome));
        var started = history[0];
        Assert.Equal(("tester", null, null), (started.Actor, started.Role, started.Unit)); // Actors.Tester holds no role
    }

    [Fact]
    public async Task HistoryLines_KeepTheDelegatorVisible_WhenADeputyActs()
    {
        await _h.DeployAsync(AccountabilityFlows.Case());
        var runtime = _h.Runtime();
        var instance = await StartAsync(runtime, variables: AccountabilityFlows.InUnit());
        _h.Delegations.Add(new Delegation("li.officer", "chen.officer", _h.Clock.Now, _h.Clock.Now.AddDays(1)));
        var deputy = Actor.Person("chen.officer", ["officer"], "east", actingFor: "li.officer");

        await _h.CompleteAsync(runtime, instance.Id, "Handle", actor: deputy);

        var lines = (await _h.HistoryAsync(instance.Id)).Where(l => l.Kind is "claimed" or "task-completed").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(("chen.officer", "li.officer", "officer"), (l.Actor, l.ActingFor, l.Role)));
    }

    [Fact]
    public async Task HistoryLines_OfATimer_NameTheTimerAndNoPersonFields()
    {
        await _h.DeployAsync(Support.TestBpmn.Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait">{Support.TestBpmn.Timer("PT1M")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Support.TestBpmn.Flow("f0", "s", "wait")}{Support.TestBpmn.Flow("f1", "wait", "e")}
            """));
        var runtime = _h.Runtime();
        var instance = await StartAsync(runtime);
        _h.Clock.Now = _h.Clock.Now.AddMinutes(2);

        Ok(await runtime.FireTimerAsync(instance.Id, instance.Timers[0].Id, Ct));

        var fired = (await _h.HistoryAsync(instance.Id)).SkipWhile(l => l.Kind != "timer-fired").ToList();
        Assert.NotEmpty(fired);
        Assert.All(fired, l => Assert.Equal(("timer", null, null, null), (l.Actor, l.Role, l.Unit, l.ActingFor)));
    }
}
