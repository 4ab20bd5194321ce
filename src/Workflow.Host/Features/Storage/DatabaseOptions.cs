namespace Workflow.Host.Features.Storage;

/// <summary>Settings under "Workflow:Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Workflow:Database";

    /// <summary>sqlite (default), postgresql or sqlserver.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Folder for the SQLite file when no connection string is given (relative to the content root).</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>SQLite only: Normal (default: commits survive a process crash) or Full (they also survive a power cut; one fsync per command). See ADR-006.</summary>
    public Workflow.Persistence.Sqlite.SqliteSynchronous SqliteSynchronous { get; set; } = Workflow.Persistence.Sqlite.SqliteSynchronous.Normal;

    /// <summary>How often the timer executor looks for due timers.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
