using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// The canonical encoding of ledger entries and checkpoints, and its SHA-256. Every field is a 4-byte big-endian byte
/// count followed by the bytes (null: count −1, no bytes); text is UTF-8, integers are 8 bytes big-endian, a stream id
/// is its 16 bytes in RFC 4122 (big-endian) order, a time is microseconds since 1970-01-01 UTC. Documented, with the
/// field order, in docs/decisions/ADR-007-ledger.md: changing anything here breaks every stored chain.
/// </summary>
public static class LedgerHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>First field of every entry encoding: names the format, so that a new format can never collide with this one.</summary>
    public const string EntryTag = "workflow-ledger-entry/1";

    /// <summary>First field of every checkpoint encoding.</summary>
    public const string CheckpointTag = "workflow-ledger-checkpoint/1";

    /// <summary>The "previous hash" of the first entry of a stream and of the first checkpoint: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    /// <summary>
    /// A time as the ledger stores and hashes it: UTC, whole microseconds (what PostgreSQL keeps), so that every
    /// database gives back exactly the value that was hashed.
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    /// <summary>The hash of one entry.</summary>
    public static byte[] Entry(Guid stream, long seq, ReadOnlySpan<byte> prevHash, DateTimeOffset at, string component, string kind,
        string? elementId, string? actor, string? role, string? unit, string? actingFor, string? outcome, string? data)
    {
        using var hash = new Encoder();
        hash.Text(EntryTag);
        hash.Id(stream);
        hash.Int64(seq);
        hash.Bytes(prevHash);
        hash.Int64(Microseconds(at));
        hash.Text(component);
        hash.Text(kind);
        hash.Text(elementId);
        hash.Text(actor);
        hash.Text(role);
        hash.Text(unit);
        hash.Text(actingFor);
        hash.Text(outcome);
        hash.Text(data);
        return hash.Finish();
    }

    /// <summary>The hash of one stored entry.</summary>
    public static byte[] Entry(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Entry(row.InstanceId, row.Seq, row.PrevHash, row.At, row.Component, row.Kind, row.ElementId, row.Actor, row.Role, row.Unit,
            row.ActingFor, row.Outcome, row.Data);
    }

    /// <summary>
    /// The hash of a checkpoint: its number, the previous checkpoint's hash, its time and id range, and the head
    /// (stream, seq, hash) of every stream that changed in the range, in the order of <see cref="CompareStreams"/>.
    /// </summary>
    public static byte[] Checkpoint(long id, ReadOnlySpan<byte> prevHash, DateTimeOffset at, long fromId, long toId, long entries,
        IReadOnlyList<LedgerHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        using var hash = new Encoder();
        hash.Text(CheckpointTag);
        hash.Int64(id);
        hash.Bytes(prevHash);
        hash.Int64(Microseconds(at));
        hash.Int64(fromId);
        hash.Int64(toId);
        hash.Int64(entries);
        hash.Int64(heads.Count);
        foreach (var head in heads)
        {
            hash.Id(head.Stream);
            hash.Int64(head.Seq);
            hash.Bytes(head.Hash);
        }
        return hash.Finish();
    }

    /// <summary>
    /// The canonical order of streams in a checkpoint: by the stream id's RFC 4122 bytes, the same on every database
    /// (which sort uuids each in their own way).
    /// </summary>
    public static int CompareStreams(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    private static long Microseconds(DateTimeOffset at) =>
        (Truncate(at).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// Collects the encoding in one buffer and hashes it once at the end: one call into the crypto library per entry, where
    /// appending field by field made about thirty.
    /// </summary>
    private sealed class Encoder : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(512);
        private int _length;

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Length(value.Length);
            value.CopyTo(Reserve(value.Length));
            _length += value.Length;
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Length(-1);
                return;
            }
            var count = Encoding.UTF8.GetByteCount(value);
            Length(count);
            _length += Encoding.UTF8.GetBytes(value, Reserve(count));
        }

        public void Int64(long value)
        {
            Length(8);
            BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
            _length += 8;
        }

        public void Id(Guid value)
        {
            Length(16);
            value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
            _length += 16;
        }

        public byte[] Finish() => SHA256.HashData(_buffer.AsSpan(0, _length));

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private void Length(int count)
        {
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), count);
            _length += 4;
        }

        /// <summary>Room for <paramref name="count"/> more bytes at the end of what is written so far.</summary>
        private Span<byte> Reserve(int count)
        {
            if (_length + count > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            return _buffer.AsSpan(_length, count);
        }
    }
}
