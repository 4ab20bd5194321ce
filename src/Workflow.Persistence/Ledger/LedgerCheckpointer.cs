using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// Writes checkpoints, the links of the global chain: each seals the heads of the streams that changed since the
/// previous one and that checkpoint's hash. Commands never wait for it (their transactions take no global lock);
/// it is run periodically (the host's checkpoint service) and on demand (<c>verify-ledger --checkpoint</c>).
/// </summary>
/// <param name="contexts">Creates contexts on the ledger's database.</param>
/// <param name="clock">Stamps checkpoints; the system clock by default.</param>
/// <param name="maxEntries">Most ledger entries one checkpoint covers; more make several checkpoints, so memory stays bounded.</param>
public sealed class LedgerCheckpointer(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider? clock = null, int maxEntries = 10_000)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Checkpoints every entry committed so far that no checkpoint covers yet; returns the checkpoints written (none
    /// when there was nothing new, or when another checkpointer wrote the next one first).
    /// </summary>
    public async Task<IReadOnlyList<LedgerCheckpointRow>> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        var written = new List<LedgerCheckpointRow>();
        if (await SettledMaxIdAsync(cancellationToken) is not { } bound)
        {
            return written;
        }
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var last = await db.Set<LedgerCheckpointRow>().AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            var from = last?.ToId ?? 0;
            if (from >= bound)
            {
                return written;
            }
            var next = await NextAsync(db, last, from, bound, cancellationToken);
            if (next is null)
            {
                return written; // only ids of rolled-back transactions so far: the next checkpoint covers them
            }
            db.Add(next);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return written; // another checkpointer wrote this number first; the next round goes on from there
            }
            written.Add(next);
        }
    }

    private async Task<LedgerCheckpointRow?> NextAsync(WorkflowDbContext db, LedgerCheckpointRow? last, long from, long bound, CancellationToken ct)
    {
        var heads = new Dictionary<Guid, LedgerHead>();
        long entries = 0, to = from;
        var range = db.Set<LedgerRow>().AsNoTracking()
            .Where(l => l.Id > from && l.Id <= bound)
            .OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.InstanceId, l.Seq, l.Hash })
            .Take(maxEntries);
        await foreach (var row in range.AsAsyncEnumerable().WithCancellation(ct))
        {
            entries++;
            to = row.Id;
            if (!heads.TryGetValue(row.InstanceId, out var head) || head.Seq <= row.Seq)
            {
                heads[row.InstanceId] = new LedgerHead(row.InstanceId, row.Seq, row.Hash);
            }
        }
        if (entries == 0)
        {
            return null;
        }
        if (entries < maxEntries)
        {
            to = bound;
        }
        var sorted = heads.Values.Order(Comparer<LedgerHead>.Create((a, b) => LedgerHash.CompareStreams(a.Stream, b.Stream))).ToArray();
        var id = (last?.Id ?? 0) + 1;
        var prevHash = last?.Hash ?? LedgerHash.Genesis.ToArray();
        var at = LedgerHash.Truncate(_clock.GetUtcNow());
        return new LedgerCheckpointRow
        {
            Id = id,
            At = at,
            FromId = from,
            ToId = to,
            Entries = entries,
            Streams = sorted.Length,
            PrevHash = prevHash,
            Hash = LedgerHash.Checkpoint(id, prevHash, at, from, to, entries, sorted),
        };
    }

    /// <summary>
    /// The highest ledger id such that no transaction can still commit an entry at or below it. On PostgreSQL (and
    /// SQL Server) ids are handed out before commit, so the highest visible id is not enough: a short shared lock on
    /// the table waits for the appends in flight (and holds new ones back for that moment only).
    /// </summary>
    private async Task<long?> SettledMaxIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dialect = LedgerDialect.For(db.Database);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            long? max = null;
            foreach (var sql in dialect.SettleMaxId.Append(dialect.MaxId))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = sql;
                max = await command.ExecuteScalarAsync(ct) is long value ? value : null;
            }
            await transaction.CommitAsync(ct);
            return max;
        }, cancellationToken);
    }
}
