using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Engine.Storage;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// Appends history entries to the ledger inside the transaction of the change they record, with raw commands on the
/// context's connection: per stream, each entry gets the next sequence number and the hash of the entry before it,
/// and the stream's head moves on. Two round trips per call: lock and read the heads, then insert and move them.
/// </summary>
/// <remarks>
/// <para>
/// An instance's stream keeps its head in the instance's own row (<c>instances.ledger_seq</c>, <c>ledger_hash</c>): every
/// save updates that row anyway, so a save chains its entries onto the head it loaded with the instance
/// (<see cref="ChainKnown"/>) and moves the head in its revision-checked <c>UPDATE</c>, with no statement of its own. Every
/// other stream — the global one, and any stream without an instance row — keeps its head in <c>ledger_heads</c>.
/// </para>
/// <para>
/// Chaining is race-free because the heads are locked (<c>FOR UPDATE</c> on PostgreSQL; SQLite has one writer):
/// writers of one instance already queue on its row, so the lock costs them nothing more, and writers of different
/// instances never meet. Only entries of the global stream (<see cref="Guid.Empty"/>) share one head.
/// </para>
/// </remarks>
public sealed class LedgerWriter : ILedgerAppender
{
    private LedgerWriter()
    {
    }

    /// <summary>The ledger, as <see cref="ILedgerAppender"/>: what every store appends through.</summary>
    public static LedgerWriter Instance { get; } = new();

    /// <summary>13 parameters a row: 1,300 a command, under SQL Server's limit of 2,100.</summary>
    private const int RowsPerCommand = 100;

    /// <summary>Heads read per statement.</summary>
    private const int HeadsPerCommand = 500;

    /// <summary>The columns an entry is inserted with, in the order of their values (shared with <see cref="PreparedLedger"/>).</summary>
    internal const string Columns =
        "instance_id, seq, at, component, kind, element_id, actor, role, unit, acting_for, outcome, data, prev_hash, hash";

    /// <summary>
    /// Appends <paramref name="entries"/>, in their order, in <paramref name="db"/>'s current transaction. Throws when
    /// there is none: an entry written outside the change it records could outlive a rolled-back change.
    /// </summary>
    /// <param name="db">A context with a transaction begun.</param>
    /// <param name="entries">The entries; <see cref="HistoryEntry.InstanceId"/> names the stream.</param>
    /// <param name="component">The part of the system writing them (<see cref="LedgerComponents"/>).</param>
    /// <param name="cancellationToken">Cancels the commands.</param>
    public static Task AppendAsync(DbContext db, IReadOnlyList<HistoryEntry> entries, string component, CancellationToken cancellationToken = default) =>
        AppendAsync(db, entries, component, null, cancellationToken);

    /// <summary>
    /// Appends <paramref name="entries"/> as <see cref="AppendAsync(DbContext, IReadOnlyList{HistoryEntry}, string, CancellationToken)"/>
    /// does, chaining onto the <paramref name="known"/> heads without reading them again (one statement less per command).
    /// </summary>
    /// <param name="db">A context with a transaction begun.</param>
    /// <param name="entries">The entries; <see cref="HistoryEntry.InstanceId"/> names the stream.</param>
    /// <param name="component">The part of the system writing them (<see cref="LedgerComponents"/>).</param>
    /// <param name="known">
    /// Heads read in the snapshot of an instance whose revision check this transaction passed (writers of an instance queue on
    /// its row, so its head cannot have moved since, and the update's <c>seq</c> guard would catch it if it had).
    /// </param>
    /// <param name="cancellationToken">Cancels the commands.</param>
    public static async Task AppendAsync(DbContext db, IReadOnlyList<HistoryEntry> entries, string component, IReadOnlyCollection<KnownHead>? known,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrEmpty(component);
        if (entries.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger entries are appended in the transaction of the change they record: begin one first.");
        var writer = new Writer(db.Database.GetDbConnection(), transaction, LedgerDialect.For(db), db.Database.GetCommandTimeout());
        var heads = await writer.LockHeadsAsync(entries, known, cancellationToken);
        // LockHeadsAsync gives every stream of the entries a head.
        await writer.InsertAsync(ChainAll(entries, component, heads)!, heads.Values, cancellationToken);
    }

    /// <summary>Entries a save may carry in its own statement batch; more go in commands of their own.</summary>
    private const int RowsInSaveBatch = 24;

    /// <summary>
    /// Chains <paramref name="entries"/> onto the <paramref name="known"/> heads of instance streams, without a statement: the
    /// rows to insert and where each stream's head moves. The caller moves each head in its instance's revision-checked
    /// <c>UPDATE</c> (or <c>INSERT</c>) and then writes the rows (<see cref="TryAppendRowsTo"/>, <see cref="InsertRowsAsync"/>).
    /// Null when an entry belongs to a stream not in <paramref name="known"/>: such entries need
    /// <see cref="AppendAsync(DbContext, IReadOnlyList{HistoryEntry}, string, IReadOnlyCollection{KnownHead}?, CancellationToken)"/>,
    /// which locks and reads their heads.
    /// </summary>
    /// <remarks>
    /// Nothing is lost by skipping the head's own <c>seq</c> guard: a head that moved underneath the save means entries from
    /// the next position on exist already, so this save's entry at that position breaks the unique <c>(instance_id, seq)</c>
    /// index (and the database refuses a head that does not move forward), and the save fails having written nothing.
    /// </remarks>
    internal static KnownChain? ChainKnown(IReadOnlyList<HistoryEntry> entries, string component, IReadOnlyCollection<KnownHead> known)
    {
        var heads = new Dictionary<Guid, Head>();
        foreach (var k in known)
        {
            if (k.Stream != Guid.Empty)
            {
                heads.TryAdd(k.Stream, Head.Of(k.Stream, k.Head, inInstance: true));
            }
        }
        if (ChainAll(entries, component, heads) is not { } rows)
        {
            return null;
        }
        var moved = heads.Values.Where(h => h.Seq != h.StoredSeq).ToDictionary(h => h.Stream, h => new LedgerHead(h.Stream, h.Seq, h.Hash));
        return new KnownChain(rows, moved);
    }

    /// <summary>
    /// On a server database, appends the <c>INSERT</c>s of <paramref name="rows"/> (from <see cref="ChainKnown"/>) to the save's
    /// own batch, so that they reach the database in the save's round trip; false, having added nothing, on SQLite (its
    /// prepared statements) or for more rows than a batch should carry: then <see cref="InsertRowsAsync"/> writes them.
    /// </summary>
    internal static bool TryAppendRowsTo(SqlBatch batch, DbContext db, IReadOnlyList<LedgerRow> rows)
    {
        var dialect = LedgerDialect.For(db);
        if (dialect.PreparedRows || rows.Count > RowsInSaveBatch)
        {
            return false;
        }
        AppendRows(batch, dialect, rows);
        return true;
    }

    /// <summary>Inserts <paramref name="rows"/> (from <see cref="ChainKnown"/>) in <paramref name="db"/>'s current transaction; moves no head.</summary>
    internal static Task InsertRowsAsync(DbContext db, LedgerRow[] rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger entries are appended in the transaction of the change they record: begin one first.");
        return new Writer(db.Database.GetDbConnection(), transaction, LedgerDialect.For(db), db.Database.GetCommandTimeout()).InsertAsync(rows, [], ct);
    }

    /// <inheritdoc />
    Task ILedgerAppender.AppendAsync(DbContext db, IReadOnlyList<HistoryEntry> entries, string component, IReadOnlyCollection<KnownHead>? known,
        CancellationToken cancellationToken) =>
        AppendAsync(db, entries, component, known, cancellationToken);

    /// <summary>The statements that insert <paramref name="rows"/>: one multi-row <c>INSERT</c>, or one per row where the dialect wants it.</summary>
    private static void AppendRows(IStatementText sql, LedgerDialect dialect, IReadOnlyList<LedgerRow> rows)
    {
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            sql.Sql(n == 0 || dialect.SingleRowInserts ? $"INSERT INTO ledger ({Columns}) VALUES (" : ", (")
                .Raw(dialect.Id(row.InstanceId)).Sql(", ").Raw(row.Seq).Sql(", ").Raw(dialect.Time(row.At)).Sql(", ").Raw(row.Component)
                .Sql(", ").Raw(row.Kind).Sql(", ").Raw(row.ElementId).Sql(", ").Raw(row.Actor).Sql(", ").Raw(row.Role).Sql(", ").Raw(row.Unit)
                .Sql(", ").Raw(row.ActingFor).Sql(", ").Raw(row.Outcome).Sql(", ").Raw(row.Data).Sql(", ").Raw(row.PrevHash).Sql(", ").Raw(row.Hash).Sql(")");
            if (n == rows.Count - 1 || dialect.SingleRowInserts)
            {
                sql.End();
            }
        }
    }

    /// <summary>Moves every head (or starts it, for a stream without one); returns the number of statements, each of which must change one row.</summary>
    private static int AppendHeads(IStatementText sql, LedgerDialect dialect, IEnumerable<Head> heads)
    {
        var n = 0;
        foreach (var head in heads)
        {
            if (head.InInstance)
            {
                sql.Sql("UPDATE instances SET ledger_seq = ").Raw(head.Seq).Sql(", ledger_hash = ").Raw(head.Hash)
                    .Sql(" WHERE id = ").Raw(dialect.Id(head.Stream)).Sql(" AND ledger_seq = ").Raw(head.StoredSeq).End();
            }
            else if (head.Stored)
            {
                sql.Sql("UPDATE ledger_heads SET seq = ").Raw(head.Seq).Sql(", hash = ").Raw(head.Hash)
                    .Sql(" WHERE instance_id = ").Raw(dialect.Id(head.Stream)).Sql(" AND seq = ").Raw(head.StoredSeq).End();
            }
            else
            {
                sql.Sql("INSERT INTO ledger_heads (instance_id, seq, hash) VALUES (").Raw(dialect.Id(head.Stream)).Sql(", ").Raw(head.Seq)
                    .Sql(", ").Raw(head.Hash).Sql(")").End();
            }
            n++;
        }
        return n;
    }

    /// <summary>The rows of <paramref name="entries"/>, each chained onto its stream's head (which moves on); null when a stream has none in <paramref name="heads"/>.</summary>
    private static LedgerRow[]? ChainAll(IReadOnlyList<HistoryEntry> entries, string component, Dictionary<Guid, Head> heads)
    {
        var rows = new LedgerRow[entries.Count];
        for (var n = 0; n < entries.Count; n++)
        {
            if (!heads.TryGetValue(entries[n].InstanceId, out var head))
            {
                return null;
            }
            rows[n] = Chain(entries[n], component, head);
        }
        return rows;
    }

    private static LedgerRow Chain(HistoryEntry entry, string component, Head head)
    {
        var at = LedgerHash.Truncate(entry.At);
        var seq = head.Seq + 1;
        var hash = LedgerHash.Entry(entry.InstanceId, seq, head.Hash, at, component, entry.Kind, entry.ElementId, entry.Actor, entry.Role,
            entry.Unit, entry.ActingFor, entry.Outcome, entry.Data);
        var row = new LedgerRow
        {
            InstanceId = entry.InstanceId,
            Seq = seq,
            At = at,
            Component = component,
            Kind = entry.Kind,
            ElementId = entry.ElementId,
            Actor = entry.Actor,
            Role = entry.Role,
            Unit = entry.Unit,
            ActingFor = entry.ActingFor,
            Outcome = entry.Outcome,
            Data = entry.Data,
            PrevHash = head.Hash,
            Hash = hash,
        };
        head.Seq = seq;
        head.Hash = hash;
        return row;
    }

    /// <summary>
    /// A stream's head as this append moves it: in its instance's row (<paramref name="inInstance"/>, always there once the row
    /// is), or in <c>ledger_heads</c>, where a stream without an entry has no row yet (<paramref name="stored"/> false).
    /// </summary>
    internal sealed class Head(Guid stream, long seq, byte[] hash, bool stored, bool inInstance = false)
    {
        public Guid Stream { get; } = stream;
        public long Seq { get; set; } = seq;
        public byte[] Hash { get; set; } = hash;
        public bool Stored { get; } = stored;
        public bool InInstance { get; } = inInstance;
        public long StoredSeq { get; } = seq;

        /// <summary>A stream's head as read (<paramref name="head"/>), or the start of a stream that has none yet.</summary>
        public static Head Of(Guid stream, LedgerHead? head, bool inInstance = false) => head is null
            ? new Head(stream, 0, LedgerHash.Genesis.ToArray(), stored: inInstance, inInstance)
            : new Head(stream, head.Seq, head.Hash, stored: true, inInstance);
    }

    private sealed class Writer(DbConnection connection, DbTransaction transaction, LedgerDialect dialect, int? timeout)
    {
        public async Task<Dictionary<Guid, Head>> LockHeadsAsync(IReadOnlyList<HistoryEntry> entries, IReadOnlyCollection<KnownHead>? known, CancellationToken ct)
        {
            var heads = new Dictionary<Guid, Head>();
            // The global stream is never taken as known: it is shared by unrelated commands and must be locked.
            var given = (known ?? []).Where(k => k.Stream != Guid.Empty).ToDictionary(k => k.Stream, k => k.Head);
            var streams = new List<Guid>();
            foreach (var stream in entries.Select(e => e.InstanceId).Distinct())
            {
                if (!given.TryGetValue(stream, out var head))
                {
                    streams.Add(stream);
                }
                else
                {
                    heads[stream] = Head.Of(stream, head);
                }
            }
            if (streams.Contains(Guid.Empty))
            {
                // The global stream is shared by unrelated commands: its head must exist to be locked.
                await using var ensure = Command(dialect.EnsureHead);
                Add(ensure, "@id", dialect.Id(Guid.Empty));
                Add(ensure, "@hash", LedgerHash.Genesis.ToArray());
                await ensure.ExecuteNonQueryAsync(ct);
            }
            // An instance's stream keeps its head in the instance's row; the rest are in ledger_heads.
            foreach (var chunk in streams.Where(s => s != Guid.Empty).Chunk(HeadsPerCommand))
            {
                await using var select = Command("");
                select.CommandText = dialect.LockInstanceHeads(Names(select, chunk));
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var stream = reader.GetGuid(0);
                    var hash = reader.IsDBNull(2) ? LedgerHash.Genesis.ToArray() : (byte[])reader.GetValue(2);
                    heads[stream] = new Head(stream, reader.GetInt64(1), hash, stored: true, inInstance: true);
                }
            }
            foreach (var chunk in streams.Where(s => !heads.ContainsKey(s)).Chunk(HeadsPerCommand))
            {
                await using var select = Command("");
                select.CommandText = dialect.LockHeads(Names(select, chunk));
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var stream = reader.GetGuid(0);
                    heads[stream] = new Head(stream, reader.GetInt64(1), (byte[])reader.GetValue(2), stored: true);
                }
            }
            foreach (var stream in streams)
            {
                heads.TryAdd(stream, Head.Of(stream, null));
            }
            return heads;
        }

        public async Task InsertAsync(LedgerRow[] rows, IEnumerable<Head> heads, CancellationToken ct)
        {
            if (dialect.PreparedRows)
            {
                await PreparedLedger.For(connection).WriteAsync(transaction, dialect, rows, heads, ct);
                return;
            }
            var chunks = rows.Chunk(RowsPerCommand).ToArray();
            for (var c = 0; c < chunks.Length; c++)
            {
                await using var command = Command("");
                var text = new CommandText(command);
                AppendRows(text, dialect, chunks[c]);
                var expected = chunks[c].Length;
                if (c == chunks.Length - 1)
                {
                    expected += AppendHeads(text, dialect, heads);
                }
                text.Apply();
                var written = await command.ExecuteNonQueryAsync(ct);
                if (written != expected)
                {
                    // A head that did not move means another writer got past the lock: never chain onto a stale head.
                    throw new InvalidOperationException($"The ledger append wrote {written} rows instead of {expected}: a stream head moved underneath it.");
                }
            }
        }

        /// <summary>Binds <paramref name="streams"/> as <c>@h0, @h1, …</c>; returns that list.</summary>
        private string Names(DbCommand command, Guid[] streams)
        {
            var names = new StringBuilder();
            for (var n = 0; n < streams.Length; n++)
            {
                names.Append(n == 0 ? "" : ", ").Append("@h").Append(n);
                Add(command, $"@h{n}", dialect.Id(streams[n]));
            }
            return names.ToString();
        }

        private static void Add(DbCommand command, string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        private DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            if (timeout is { } seconds)
            {
                command.CommandTimeout = seconds;
            }
            return command;
        }
    }
}
