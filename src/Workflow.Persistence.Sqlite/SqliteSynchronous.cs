namespace Workflow.Persistence.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode (ADR-006).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is synced at checkpoints, not at every commit: a committed command survives a crash of the process,
    /// and the database stays consistent through a power cut, which may lose the last commits. SQLite's recommendation for WAL.
    /// </summary>
    Normal,

    /// <summary>The WAL is synced at every commit: commits survive a power cut too, at the cost of one fsync per command.</summary>
    Full,
}
