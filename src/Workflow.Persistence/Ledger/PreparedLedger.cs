using System.Data.Common;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// The ledger's three statements — insert an entry, move a head, create a head — prepared once per open connection and
/// run once per row with new values (<see cref="LedgerDialect.PreparedRows"/>). They are dropped when the connection closes:
/// a pooled connection object may be opened on another native connection next time, where the old statements do not exist.
/// The instance store's SQLite writer keeps its connection open while saves keep coming, so it prepares them once.
/// </summary>
internal sealed class PreparedLedger
{
    private const string Insert = $"INSERT INTO ledger ({LedgerWriter.Columns}) VALUES (@i, @s, @t, @c, @k, @e, @a, @r, @u, @f, @o, @d, @p, @x)";
    private const string MoveHead = "UPDATE ledger_heads SET seq = @s, hash = @h WHERE instance_id = @i AND seq = @o";
    private const string NewHead = "INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (@i, @s, @h)";

    private readonly DbCommand _insert;
    private readonly DbCommand _moveHead;
    private readonly DbCommand _newHead;

    private PreparedLedger(DbConnection connection)
    {
        var statements = PreparedStatements.For(connection);
        _insert = Command(statements, connection, Insert, "@i", "@s", "@t", "@c", "@k", "@e", "@a", "@r", "@u", "@f", "@o", "@d", "@p", "@x");
        _moveHead = Command(statements, connection, MoveHead, "@s", "@h", "@i", "@o");
        _newHead = Command(statements, connection, NewHead, "@i", "@s", "@h");
    }

    /// <summary>The statements of <paramref name="connection"/> (used by one command at a time, like the connection).</summary>
    public static PreparedLedger For(DbConnection connection) => new(connection);

    /// <summary>Inserts the rows and moves (or creates) the heads; throws when a head was not where it was read.</summary>
    public async Task WriteAsync(DbTransaction transaction, LedgerDialect dialect, LedgerRow[] rows,
        IEnumerable<(Guid Stream, long Seq, byte[] Hash, long? StoredSeq)> heads, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await RunAsync(_insert, transaction, ct, dialect.Id(row.InstanceId), row.Seq, dialect.Time(row.At), row.Component, row.Kind, row.ElementId,
                row.Actor, row.Role, row.Unit, row.ActingFor, row.Outcome, row.Data, row.PrevHash, row.Hash);
        }
        foreach (var head in heads)
        {
            var written = head.StoredSeq is { } stored
                ? await RunAsync(_moveHead, transaction, ct, head.Seq, head.Hash, dialect.Id(head.Stream), stored)
                : await RunAsync(_newHead, transaction, ct, dialect.Id(head.Stream), head.Seq, head.Hash);
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

    /// <summary>The prepared command of <paramref name="sql"/>, or (with the connection's cache full) one of its own.</summary>
    private static DbCommand Command(PreparedStatements statements, DbConnection connection, string sql, params string[] parameters)
    {
        void Add(DbCommand command)
        {
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }
        if (statements.Command(sql, Add) is { } prepared)
        {
            return prepared;
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command);
        return command;
    }
}
