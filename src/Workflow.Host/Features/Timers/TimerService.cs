using Microsoft.Extensions.Options;
using Workflow.Engine.Durable;
using Workflow.Host.Features.Storage;

namespace Workflow.Host.Features.Timers;

/// <summary>Runs the timer executor for as long as the host runs; timers that fell due while it was down fire on start.</summary>
public sealed class TimerService(TimerExecutor executor, IOptions<DatabaseOptions> options) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => executor.RunAsync(options.Value.TimerPollInterval, stoppingToken);
}
