using System.Data.Common;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// The ledger's statements — insert an entry, move a head (in <c>ledger_heads</c> or in an instance's row), create a head — prepared once per open connection and
/// run once per row with new values (<see cref="LedgerDialect.PreparedRows"/>). They are dropped when the connection closes:
/// a pooled connection object may be opened on another native connection next time, where the old statements do not exist.
/// The instance store's SQLite writer keeps its connection open while saves keep coming, so it prepares them once.
/// </summary>
internal sealed class PreparedLedger
{
    private const string Insert = $"INSERT INTO ledger ({LedgerWriter.Columns}) VALUES (@i, @s, @t, @c, @k, @e, @a, @r, @u, @f, @o, @d, @p, @x)";
    private const string MoveHead = "UPDATE ledger_heads SET seq = @s, hash = @h WHERE instance_id = @i AND seq = @o";
    private const string NewHead = "INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (@i, @s, @h)";
    private const string MoveInstanceHead = "UPDATE instances SET ledger_seq = @s, ledger_hash = @h WHERE id = @i AND ledger_seq = @o";

    private static readonly string[] InsertParameters = ["@i", "@s", "@t", "@c", "@k", "@e", "@a", "@r", "@u", "@f", "@o", "@d", "@p", "@x"];
    private static readonly string[] MoveHeadParameters = ["@s", "@h", "@i", "@o"];
    private static readonly string[] NewHeadParameters = ["@i", "@s", "@h"];

    private readonly PreparedStatements _statements;

    private PreparedLedger(DbConnection connection) => _statements = PreparedStatements.For(connection);

    /// <summary>The statements of <paramref name="connection"/> (used by one command at a time, like the connection).</summary>
    public static PreparedLedger For(DbConnection connection) => new(connection);

    /// <summary>Inserts the rows and moves (or creates) the heads; throws when a head was not where it was read.</summary>
    public async Task WriteAsync(DbTransaction transaction, LedgerDialect dialect, LedgerRow[] rows, IEnumerable<LedgerWriter.Head> heads, CancellationToken ct)
    {
        using (var insert = Rent(Insert, InsertParameters))
        {
            foreach (var row in rows)
            {
                await RunAsync(insert.Command, transaction, ct, dialect.Id(row.InstanceId), row.Seq, dialect.Time(row.At), row.Component, row.Kind,
                    row.ElementId, row.Actor, row.Role, row.Unit, row.ActingFor, row.Outcome, row.Data, row.PrevHash, row.Hash);
            }
        }
        foreach (var head in heads)
        {
            int written;
            if (head.InInstance)
            {
                using var move = Rent(MoveInstanceHead, MoveHeadParameters);
                written = await RunAsync(move.Command, transaction, ct, head.Seq, head.Hash, dialect.Id(head.Stream), head.StoredSeq);
            }
            else if (head.Stored)
            {
                using var move = Rent(MoveHead, MoveHeadParameters);
                written = await RunAsync(move.Command, transaction, ct, head.Seq, head.Hash, dialect.Id(head.Stream), head.StoredSeq);
            }
            else
            {
                using var create = Rent(NewHead, NewHeadParameters);
                written = await RunAsync(create.Command, transaction, ct, dialect.Id(head.Stream), head.Seq, head.Hash);
            }
            if (written != 1)
            {
                // Another writer got past the lock: never chain onto a stale head.
                throw new InvalidOperationException($"The ledger head of stream {head.Stream} moved underneath the append.");
            }
        }
    }

    private static async Task<int> RunAsync(DbCommand command, DbTransaction transaction, CancellationToken ct, params object?[] values)
    {
        command.Transaction = transaction;
        for (var n = 0; n < values.Length; n++)
        {
            command.Parameters[n].Value = values[n] ?? DBNull.Value;
        }
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The command of <paramref name="sql"/> with its named parameters, kept on the connection (values set per run).</summary>
    private PreparedStatements.Rented Rent(string sql, string[] parameters) => _statements.Rent(sql, command =>
    {
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
    });
}
