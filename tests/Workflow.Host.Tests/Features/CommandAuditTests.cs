using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Host.Features.Commands;

namespace Workflow.Host.Tests.Features;

public class CommandAuditTests
{
    [Fact]
    public async Task Audit_CountsEveryCommandByResult_RefusalsUnderTheirCode()
    {
        var counted = new List<(long Value, string Command, string Result)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CommandMetrics.MeterName && instrument.Name == "workflow.commands")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            // Other tests in the run send commands too: keep only this test's.
            if (tagged["command"] == nameof(WithdrawOffer))
            {
                lock (counted)
                {
                    counted.Add((value, tagged["command"]!, tagged["result"]!));
                }
            }
        });
        listener.Start();
        var audit = new CommandAudit<WithdrawOffer, DurableResult<ProcessInstance>>(NullLogger<CommandAudit<WithdrawOffer, DurableResult<ProcessInstance>>>.Instance);
        var command = new WithdrawOffer(Guid.NewGuid(), Actor.Person("li.call", ["call-taker"]));

        var refused = await audit.Handle(command, (_, _) => ValueTask.FromResult(DurableResult.Failure<ProcessInstance>("no-offer", "nothing offered")),
            TestContext.Current.CancellationToken);

        Assert.Equal("no-offer", refused.Error?.Code);
        Assert.Equal([(1L, nameof(WithdrawOffer), "no-offer")], counted);
    }
}
