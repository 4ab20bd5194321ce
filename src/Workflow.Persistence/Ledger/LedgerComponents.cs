namespace Workflow.Persistence.Ledger;

/// <summary>The CJIS "component" of a ledger entry: the part of the system where the event happened.</summary>
public static class LedgerComponents
{
    /// <summary>Instance commands through the engine (starts, task work, timers firing, messages, migrations).</summary>
    public const string Engine = "engine";

    /// <summary>Definition deployments.</summary>
    public const string Definitions = "definitions";

    /// <summary>Accounts and delegations: who may act, and for whom.</summary>
    public const string Identity = "identity";
}
