using Microsoft.Extensions.Options;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;

namespace Workflow.Host.Features.Timers;

/// <summary>The timer executor (a background service) and the timer incidents for the admin API.</summary>
public static class TimerSetup
{
    /// <summary>Registers <see cref="TimerOptions"/>, the executor over the registered <see cref="ITimerJobStore"/>, and <see cref="TimerIncidents"/>.</summary>
    public static IServiceCollection AddWorkflowTimers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimerOptions>().Bind(configuration.GetSection(TimerOptions.Section))
            .Validate(o => o.BatchSize > 0, "Workflow:Timers:BatchSize must be positive")
            .Validate(o => o.MaxAttempts > 0, "Workflow:Timers:MaxAttempts must be positive")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay,
                "Workflow:Timers:RetryDelay must not be negative nor longer than MaxRetryDelay")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero, "Workflow:Timers:LeaseDuration must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TimerOptions>>().Value;
            return new TimerExecutor(sp.GetRequiredService<DurableRuntime>(), sp.GetRequiredService<ITimerJobStore>(), new TimerExecutorOptions
            {
                BatchSize = options.BatchSize,
                MaxAttempts = options.MaxAttempts,
                RetryDelay = options.RetryDelay,
                MaxRetryDelay = options.MaxRetryDelay,
                LeaseDuration = options.LeaseDuration,
            });
        });
        services.AddSingleton(sp => new TimerIncidents(sp.GetRequiredService<DurableRuntime>(), sp.GetRequiredService<ITimerJobStore>()));
        services.AddHostedService<TimerService>();
        return services;
    }
}
