using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// What the ledger's raw SQL needs to know about each database: how EF stores its values there (the writer bypasses
/// EF's converters) and how to lock. Values must match the EF model exactly, or EF could not read the rows back.
/// </summary>
internal sealed class LedgerDialect
{
    /// <summary>
    /// SQLite: one writer at a time (the save's BEGIN IMMEDIATE), so no row locks; uuids are upper-case TEXT and
    /// timestamps UTC ticks (see <c>Conventions/TimestampConverters</c>).
    /// </summary>
    public static readonly LedgerDialect Sqlite = new()
    {
        Id = id => id.ToString().ToUpperInvariant(),
        Time = at => at.UtcTicks,
        LockHeads = ids => $"SELECT instance_id, seq, hash FROM ledger_heads WHERE instance_id IN ({ids})",
        LockInstanceHeads = ids => $"SELECT id, ledger_seq, ledger_hash FROM instances WHERE id IN ({ids})",
        EnsureHead = "INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (@id, 0, @hash) ON CONFLICT (instance_id) DO NOTHING",
        PreparedRows = true,
        SettleMaxId = [],
        MaxId = "SELECT MAX(id) FROM ledger",
    };

    /// <summary>
    /// PostgreSQL: heads are locked <c>FOR UPDATE</c> (in one order, against deadlocks). Ids are handed out before
    /// commit, so a transaction can still commit an id below the highest visible one; a checkpoint waits for those
    /// with a short SHARE lock on the table (it conflicts only with writers in flight, see ADR-007).
    /// </summary>
    public static readonly LedgerDialect PostgreSql = new()
    {
        Id = id => id,
        Time = at => at,
        LockHeads = ids => $"SELECT instance_id, seq, hash FROM ledger_heads WHERE instance_id IN ({ids}) ORDER BY instance_id FOR UPDATE",
        LockInstanceHeads = ids => $"SELECT id, ledger_seq, ledger_hash FROM instances WHERE id IN ({ids}) ORDER BY id FOR UPDATE",
        EnsureHead = "INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (@id, 0, @hash) ON CONFLICT (instance_id) DO NOTHING",
        SettleMaxId = ["SET LOCAL lock_timeout = '10s'", "LOCK TABLE ledger IN SHARE MODE"],
        MaxId = "SELECT MAX(id) FROM ledger",
    };

    /// <summary>
    /// SQL Server (compiled and checked, not run here): update locks on heads; one INSERT per entry, because a
    /// multi-row INSERT does not promise identity values in row order; a shared table lock settles the id range.
    /// </summary>
    public static readonly LedgerDialect SqlServer = new()
    {
        Id = id => id,
        Time = at => at,
        LockHeads = ids => $"SELECT instance_id, seq, hash FROM ledger_heads WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE instance_id IN ({ids}) ORDER BY instance_id",
        LockInstanceHeads = ids => $"SELECT id, ledger_seq, ledger_hash FROM instances WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE id IN ({ids}) ORDER BY id",
        EnsureHead = "IF NOT EXISTS (SELECT 1 FROM ledger_heads WITH (UPDLOCK, HOLDLOCK) WHERE instance_id = @id) "
            + "INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (@id, 0, @hash)",
        SingleRowInserts = true,
        SettleMaxId = [],
        MaxId = "SELECT MAX(id) FROM ledger WITH (TABLOCK, HOLDLOCK)",
    };

    private LedgerDialect()
    {
    }

    /// <summary>A stream id as a parameter value.</summary>
    public required Func<Guid, object> Id { get; init; }

    /// <summary>A (truncated, UTC) time as a parameter value.</summary>
    public required Func<DateTimeOffset, object> Time { get; init; }

    /// <summary>Reads and locks the heads of the streams whose parameter names are given (comma-separated).</summary>
    public required Func<string, string> LockHeads { get; init; }

    /// <summary>
    /// Reads and locks the heads kept in the rows of the instances whose parameter names are given (an instance's stream
    /// keeps its head there; streams without an instance row keep theirs in <c>ledger_heads</c>).
    /// </summary>
    public required Func<string, string> LockInstanceHeads { get; init; }

    /// <summary>Creates the head row <c>@id</c> (seq 0, <c>@hash</c>) unless it exists, so that it can be locked.</summary>
    public required string EnsureHead { get; init; }

    /// <summary>True when each entry needs an INSERT of its own for ids to follow the order of the entries.</summary>
    public bool SingleRowInserts { get; init; }

    /// <summary>
    /// True when entries and heads are written one by one through statements prepared once per connection (<c>PreparedLedger</c>):
    /// in-process SQLite has no round trips to save, but compiling a new multi-row statement for every command cost more
    /// than running the rows.
    /// </summary>
    public bool PreparedRows { get; init; }

    /// <summary>Statements run, in the checkpoint's transaction, before <see cref="MaxId"/>.</summary>
    public required IReadOnlyList<string> SettleMaxId { get; init; }

    /// <summary>The highest ledger id below which every id is committed or never will be (see <see cref="SettleMaxId"/>).</summary>
    public required string MaxId { get; init; }

    /// <summary>The dialect of the context's database.</summary>
    public static LedgerDialect For(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ForProvider(database.ProviderName);
    }

    /// <summary>The dialect of the context's database (its provider name cached when it is a <see cref="WorkflowDbContext"/>).</summary>
    public static LedgerDialect For(DbContext db) =>
        db is WorkflowDbContext workflow ? ForProvider(workflow.ProviderName) : For(db.Database);

    private static LedgerDialect ForProvider(string? provider) =>
        provider switch
        {
            WorkflowDbContext.SqliteProvider => Sqlite,
            WorkflowDbContext.NpgsqlProvider => PostgreSql,
            WorkflowDbContext.SqlServerProvider => SqlServer,
            var other => throw new NotSupportedException($"The ledger does not know the database provider {other}."),
        };
}
