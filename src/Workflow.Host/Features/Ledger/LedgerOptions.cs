namespace Workflow.Host.Features.Ledger;

/// <summary>Settings under "Workflow:Ledger".</summary>
public sealed class LedgerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Workflow:Ledger";

    /// <summary>How often the host checkpoints the ledger (when anything new was written).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}
