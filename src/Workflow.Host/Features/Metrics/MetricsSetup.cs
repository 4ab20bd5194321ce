using OpenTelemetry.Metrics;
using Workflow.Engine.Durable;
using Workflow.Host.Features.Commands;

namespace Workflow.Host.Features.Metrics;

/// <summary>
/// The host's instruments for a monitoring system: timer lag (meter <c>Workflow.Engine</c>), commands and their duration
/// (meter <c>Workflow.Host</c>), and ASP.NET Core's and the runtime's own, in Prometheus' text format at <c>/metrics</c>.
/// </summary>
/// <remarks>
/// The endpoint needs no sign-in, like <c>/health</c>: a scraper holds no account, and no instrument carries a person, a
/// case or a value, only command names, refusal codes and durations. Deployments that must not expose even those keep the
/// path off their reverse proxy.
/// </remarks>
public static class MetricsSetup
{
    /// <summary>The path of the scraping endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers the meters and the Prometheus exporter.</summary>
    public static IServiceCollection AddWorkflowMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TimerExecutor.MeterName, CommandMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "System.Runtime")
            // Timer lag runs from milliseconds (a poll) to minutes (hosts down): buckets to match, not the default's 10 s ceiling.
            .AddView(TimerExecutor.LagInstrument, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [10, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000],
            })
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapWorkflowMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
