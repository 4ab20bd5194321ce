using System.Diagnostics.Metrics;

namespace Workflow.Host.Features.Commands;

/// <summary>The host's command instruments (meter <c>Workflow.Host</c>), read by any OpenTelemetry or dotnet-counters listener.</summary>
public static class CommandMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Workflow.Host";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Commands carried out or refused, tagged <c>command</c> and <c>result</c>.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("workflow.commands", description: "Workflow commands by command and result (ok or the refusal code)");

    /// <summary>Command duration in milliseconds, tagged <c>command</c>.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("workflow.command.duration", unit: "ms", description: "Workflow command duration");
}
