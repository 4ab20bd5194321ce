using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Instances;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// Checks the whole ledger: every stream's chain against its entries and its head, then the chain of checkpoints
/// against the entries of their ranges. Reads with streaming queries and keeps one stream (and one checkpoint range)
/// in memory at a time, so it runs on a ledger of any size; it writes nothing.
/// </summary>
/// <param name="contexts">Creates contexts on the database to check.</param>
public sealed class LedgerVerifier(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>Most problems kept in <see cref="LedgerVerification.Problems"/> (all are counted).</summary>
    public const int MaxProblems = 100;

    /// <summary>Verifies the ledger.</summary>
    public async Task<LedgerVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var found = new Findings();
        var (entries, streams) = await VerifyStreamsAsync(found, cancellationToken);
        await VerifyHeadsWithoutEntriesAsync(found, cancellationToken);
        var checkpoints = await VerifyCheckpointsAsync(found, cancellationToken);
        return new LedgerVerification(entries, streams, checkpoints, found.Count, found.First());
    }

    /// <summary>
    /// Verifies the chains of the given streams only (each against its entries and its head), as a backward trace of a case
    /// does for the instances it reads; checkpoints are not checked here (that needs the whole ledger: <see cref="VerifyAsync"/>).
    /// </summary>
    public async Task<LedgerVerification> VerifyStreamsAsync(IReadOnlyCollection<Guid> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var found = new Findings();
        long entries = 0, checkedStreams = 0;
        // A case has a handful of instances: a statement each keeps the parameters few on every database.
        foreach (var stream in streams.Distinct())
        {
            var (e, s) = await VerifyStreamsAsync(found, cancellationToken, stream);
            (entries, checkedStreams) = (entries + e, checkedStreams + s);
            await VerifyHeadsWithoutEntriesAsync(found, cancellationToken, stream);
        }
        return new LedgerVerification(entries, checkedStreams, 0, found.Count, found.First());
    }

    private async Task<(long Entries, long Streams)> VerifyStreamsAsync(Findings found, CancellationToken ct, Guid? only = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ledger = db.Set<LedgerRow>().AsNoTracking();
        if (only is { } one)
        {
            ledger = ledger.Where(l => l.InstanceId == one);
        }
        // One statement, so one snapshot: entries and heads agree even while commands write. An instance's stream keeps its
        // head in the instance's row; every other stream in ledger_heads.
        var rows = from l in ledger
                   join h in db.Set<LedgerHeadRow>().AsNoTracking() on l.InstanceId equals h.InstanceId into heads
                   from h in heads.DefaultIfEmpty()
                   join i in db.Set<InstanceRow>().AsNoTracking() on l.InstanceId equals i.Id into instances
                   from i in instances.DefaultIfEmpty()
                   orderby l.InstanceId, l.Seq, l.Id
                   select new
                   {
                       Row = l,
                       HeadSeq = i != null && i.LedgerSeq > 0 ? i.LedgerSeq : (long?)h.Seq,
                       HeadHash = i != null && i.LedgerSeq > 0 ? i.LedgerHash : h.Hash,
                   };
        var stream = new StreamCheck(found);
        long entries = 0, streams = 0;
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (stream.Id != r.Row.InstanceId || streams == 0)
            {
                stream.Finish();
                stream.Start(r.Row.InstanceId, r.HeadSeq, r.HeadHash);
                streams++;
            }
            stream.Check(r.Row);
            entries++;
        }
        stream.Finish();
        return (entries, streams);
    }

    private async Task VerifyHeadsWithoutEntriesAsync(Findings found, CancellationToken ct, Guid? only = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var candidates = db.Set<LedgerHeadRow>().AsNoTracking();
        if (only is { } one)
        {
            candidates = candidates.Where(h => h.InstanceId == one);
        }
        var instances = db.Set<InstanceRow>().AsNoTracking();
        if (only is { } instance)
        {
            instances = instances.Where(i => i.Id == instance);
        }
        var empty = candidates
            .Where(h => h.Seq > 0 && !db.Set<LedgerRow>().Any(l => l.InstanceId == h.InstanceId))
            .Select(h => new { h.InstanceId, h.Seq })
            .Concat(instances
                .Where(i => i.LedgerSeq > 0 && !db.Set<LedgerRow>().Any(l => l.InstanceId == i.Id))
                .Select(i => new { InstanceId = i.Id, Seq = i.LedgerSeq }));
        await foreach (var head in empty.AsAsyncEnumerable().WithCancellation(ct))
        {
            found.Add(new LedgerProblem(LedgerProblems.Truncated,
                $"Stream {head.InstanceId} has no entries, but its head records {head.Seq}: the whole stream was deleted.")
            {
                Stream = head.InstanceId,
                Seq = 1,
                Order = new ProblemOrder(long.MaxValue, 0, 1),
            });
        }
    }

    private async Task<long> VerifyCheckpointsAsync(Findings found, CancellationToken ct)
    {
        await using var list = await contexts.CreateDbContextAsync(ct);
        await using var ranges = await contexts.CreateDbContextAsync(ct);
        var previous = (Id: 0L, ToId: 0L, Hash: LedgerHash.Genesis.ToArray());
        long count = 0;
        // Checkpoints are read on one connection while their ranges are read on another.
        await foreach (var checkpoint in list.Set<LedgerCheckpointRow>().AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            var problem = CheckLink(checkpoint, previous.Id, previous.ToId, previous.Hash)
                ?? await CheckRangeAsync(ranges, checkpoint, ct);
            if (problem is not null)
            {
                found.Add(problem with { CheckpointId = checkpoint.Id, Order = new ProblemOrder(long.MaxValue, 1, checkpoint.Id) });
            }
            previous = (checkpoint.Id, checkpoint.ToId, checkpoint.Hash);
        }
        return count;
    }

    private static LedgerProblem? CheckLink(LedgerCheckpointRow checkpoint, long previousId, long previousToId, byte[] previousHash)
    {
        if (checkpoint.Id != previousId + 1)
        {
            return new LedgerProblem(LedgerProblems.CheckpointMissing,
                $"Checkpoint {checkpoint.Id} follows checkpoint {previousId}: checkpoints {previousId + 1}–{checkpoint.Id - 1} are missing.");
        }
        if (checkpoint.FromId != previousToId)
        {
            return new LedgerProblem(LedgerProblems.CheckpointRange,
                $"Checkpoint {checkpoint.Id} starts after ledger id {checkpoint.FromId}, but checkpoint {previousId} ended at {previousToId}.");
        }
        return checkpoint.PrevHash.AsSpan().SequenceEqual(previousHash)
            ? null
            : new LedgerProblem(LedgerProblems.CheckpointBrokenLink,
                $"Checkpoint {checkpoint.Id} does not link to checkpoint {previousId}: one of the two was replaced.");
    }

    private static async Task<LedgerProblem?> CheckRangeAsync(WorkflowDbContext db, LedgerCheckpointRow checkpoint, CancellationToken ct)
    {
        var heads = new Dictionary<Guid, LedgerHead>();
        long entries = 0;
        var range = db.Set<LedgerRow>().AsNoTracking()
            .Where(l => l.Id > checkpoint.FromId && l.Id <= checkpoint.ToId)
            .OrderBy(l => l.Id)
            .Select(l => new { l.InstanceId, l.Seq, l.Hash });
        await foreach (var row in range.AsAsyncEnumerable().WithCancellation(ct))
        {
            entries++;
            if (!heads.TryGetValue(row.InstanceId, out var head) || head.Seq <= row.Seq)
            {
                heads[row.InstanceId] = new LedgerHead(row.InstanceId, row.Seq, row.Hash);
            }
        }
        var sorted = heads.Values.Order(Comparer<LedgerHead>.Create((a, b) => LedgerHash.CompareStreams(a.Stream, b.Stream))).ToArray();
        var hash = LedgerHash.Checkpoint(checkpoint.Id, checkpoint.PrevHash, checkpoint.At, checkpoint.FromId, checkpoint.ToId, entries, sorted);
        if (hash.AsSpan().SequenceEqual(checkpoint.Hash) && entries == checkpoint.Entries && sorted.Length == checkpoint.Streams)
        {
            return null;
        }
        return new LedgerProblem(LedgerProblems.CheckpointAltered,
            $"Checkpoint {checkpoint.Id} (ledger ids {checkpoint.FromId + 1}–{checkpoint.ToId}, {checkpoint.Entries} entries in {checkpoint.Streams} streams when written, "
            + $"{entries} in {sorted.Length} now) no longer matches the ledger: an entry in its range was deleted, inserted or replaced, or the checkpoint was edited.");
    }

    /// <summary>The chain of one stream, entry by entry in sequence order.</summary>
    private sealed class StreamCheck(Findings found)
    {
        private long? _headSeq;
        private byte[]? _headHash;
        private long _expected;
        private byte[] _prevHash = [];
        private long _prevId;
        private LedgerRow? _last;
        private long? _rank;

        public Guid Id { get; private set; }

        public void Start(Guid id, long? headSeq, byte[]? headHash)
        {
            (Id, _headSeq, _headHash) = (id, headSeq, headHash);
            (_expected, _prevHash, _prevId, _last, _rank) = (1, LedgerHash.Genesis.ToArray(), long.MinValue, null, null);
        }

        public void Check(LedgerRow row)
        {
            if (row.Seq < _expected)
            {
                // Kept out of the chain: the entry seen first at this position stays the one the next must link to.
                Report(row, LedgerProblems.Duplicate, $"a second entry at position {row.Seq} of the stream: an entry was inserted.");
                return;
            }
            if (row.Seq > _expected)
            {
                Report(row, LedgerProblems.Missing, $"entries {Positions(_expected, row.Seq - 1)} of the stream are missing before it: they were deleted.", _expected);
            }
            else if (!row.PrevHash.AsSpan().SequenceEqual(_prevHash))
            {
                Report(row, LedgerProblems.BrokenLink, row.Seq == 1
                    ? "the first entry of the stream links to something before it: entries were deleted or this one was inserted."
                    : $"it does not link to entry {row.Seq - 1} of the stream: that one was replaced, or this one was moved or inserted.");
            }
            else if (!LedgerHash.Entry(row).AsSpan().SequenceEqual(row.Hash))
            {
                Report(row, LedgerProblems.Altered, "its content does not give its hash: it was edited, or forged.");
            }
            else if (row.Id <= _prevId)
            {
                Report(row, LedgerProblems.Reordered, $"its ledger id is lower than that of entry {row.Seq - 1} of the stream: entries were re-ordered.");
            }
            else if (_headSeq is { } head && row.Seq > head)
            {
                Report(row, LedgerProblems.NotInHead, $"the stream's head ends at entry {head}: this one was appended outside the store.");
            }
            // The next entry is checked against this one as stored, so that one bad entry is reported once, not again at every entry after it.
            (_expected, _prevHash, _prevId, _last) = (row.Seq + 1, row.Hash, row.Id, row);
        }

        public void Finish()
        {
            if (_last is not { } last)
            {
                return;
            }
            if (_headSeq is not { } head)
            {
                found.Add(new LedgerProblem(LedgerProblems.NoHead,
                    $"Stream {Id} has entries but no head: its head was deleted, or the stream was inserted outside the store.")
                {
                    EntryId = last.Id,
                    Stream = Id,
                    Seq = last.Seq,
                    Order = new ProblemOrder(_rank ??= last.Id, 0, last.Seq),
                });
            }
            else if (head > last.Seq)
            {
                found.Add(new LedgerProblem(LedgerProblems.Truncated,
                    $"Stream {Id} ends at entry {last.Seq} (ledger id {last.Id}), but its head records {head}: entries {Positions(last.Seq + 1, head)} were cut off.")
                {
                    Stream = Id,
                    Seq = last.Seq + 1,
                    Order = new ProblemOrder(_rank ?? long.MaxValue, 0, last.Seq + 1),
                });
            }
            else if (head == last.Seq && !(_headHash ?? []).AsSpan().SequenceEqual(last.Hash))
            {
                Report(last, LedgerProblems.HeadMismatch, "it is not the entry the stream's head records: it was replaced.");
            }
            _last = null;
        }

        private void Report(LedgerRow row, string code, string what, long? seq = null) =>
            found.Add(new LedgerProblem(code, $"Ledger entry {row.Id} (stream {row.InstanceId}, entry {row.Seq}): {what}")
            {
                EntryId = row.Id,
                Stream = row.InstanceId,
                Seq = seq ?? row.Seq,
                Order = new ProblemOrder(_rank ??= row.Id, 0, seq ?? row.Seq),
            });

        private static string Positions(long from, long to) => from == to ? $"{from}" : $"{from}–{to}";
    }

    /// <summary>Counts every problem and keeps the first <see cref="MaxProblems"/> in <see cref="ProblemOrder"/>.</summary>
    private sealed class Findings
    {
        private readonly List<LedgerProblem> _kept = [];

        public long Count { get; private set; }

        public void Add(LedgerProblem problem)
        {
            Count++;
            _kept.Add(problem);
            if (_kept.Count >= 4 * MaxProblems)
            {
                Trim();
            }
        }

        public IReadOnlyList<LedgerProblem> First()
        {
            Trim();
            return _kept.ToArray();
        }

        private void Trim()
        {
            _kept.Sort((a, b) => a.Order.CompareTo(b.Order));
            if (_kept.Count > MaxProblems)
            {
                _kept.RemoveRange(MaxProblems, _kept.Count - MaxProblems);
            }
        }
    }
}
