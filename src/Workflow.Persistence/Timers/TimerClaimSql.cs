namespace Workflow.Persistence.Timers;

/// <summary>
/// The claim of <see cref="EfTimerJobStore.ClaimDueAsync"/> in each database's dialect: pick the earliest claimable rows
/// and lease them in one statement, so that two executors never lease the same row. Format arguments:
/// {0} owner, {1} lease until, {2} now, {3} limit; the statement returns the leased rows whole.
/// </summary>
internal static class TimerClaimSql
{
    // Compared by name so that this assembly needs no provider package.
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";

    private const string Claimable = """
        due_at <= {2} AND failed_at IS NULL
          AND (next_attempt_at IS NULL OR next_attempt_at <= {2})
          AND (lease_until IS NULL OR lease_until <= {2})
        """;

    /// <summary>
    /// Rows another transaction has locked (being claimed, or being re-armed or deleted by an instance save) are skipped,
    /// not waited for; a row leased meanwhile is re-checked against the condition after the lock and dropped.
    /// </summary>
    public const string PostgreSql = $"""
        UPDATE timers SET lease_owner = {"{0}"}, lease_until = {"{1}"}
        WHERE id IN (
            SELECT id FROM timers
            WHERE {Claimable}
            ORDER BY due_at, id
            LIMIT {"{3}"}
            FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    /// <summary>
    /// The queue idiom: update locks on the rows read (UPDLOCK, ROWLOCK), rows locked by others passed over (READPAST).
    /// Generated and checked for shape only: there is no SQL Server to run it against here.
    /// </summary>
    public const string SqlServer = $"""
        WITH claimable AS (
            SELECT TOP ({"{3}"}) * FROM timers WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE {Claimable}
            ORDER BY due_at, id)
        UPDATE claimable SET lease_owner = {"{0}"}, lease_until = {"{1}"}
        OUTPUT inserted.*
        """;

    /// <summary>
    /// One writer at a time: a writing statement takes the database's write lock before it reads (busy timeout), so
    /// the pick and the lease cannot interleave with another claim. Timestamps are UTC ticks there.
    /// </summary>
    public const string Sqlite = $"""
        UPDATE timers SET lease_owner = {"{0}"}, lease_until = {"{1}"}
        WHERE id IN (
            SELECT id FROM timers
            WHERE {Claimable}
            ORDER BY due_at, id
            LIMIT {"{3}"})
        RETURNING *
        """;

    /// <summary>The statement for a provider (<c>DatabaseFacade.ProviderName</c>).</summary>
    public static string For(string? provider) => provider switch
    {
        PostgreSqlProvider => PostgreSql,
        SqlServerProvider => SqlServer,
        SqliteProvider => Sqlite,
        _ => throw new NotSupportedException($"timer jobs cannot be claimed on provider '{provider}'"),
    };
}
