namespace Workflow.Host.Features.Ledger;

/// <summary>The ledger's options and checkpoint service (the verifier and checkpointer come with the persistence).</summary>
public static class LedgerSetup
{
    /// <summary>Binds <see cref="LedgerOptions"/> and runs <see cref="LedgerCheckpointService"/>.</summary>
    public static IServiceCollection AddWorkflowLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section))
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, "Workflow:Ledger:CheckpointInterval must be positive")
            .ValidateOnStart();
        services.AddHostedService<LedgerCheckpointService>();
        return services;
    }
}
