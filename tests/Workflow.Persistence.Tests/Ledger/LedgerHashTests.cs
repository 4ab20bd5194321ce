using Workflow.Persistence.Ledger;

namespace Workflow.Persistence.Tests.Ledger;

/// <summary>
/// The canonical encoding is a contract with every stored chain: these vectors were computed by an independent
/// implementation of ADR-007's description (Python's hashlib and struct), so a change to the encoding fails here.
/// </summary>
public sealed class LedgerHashTests
{
    private static readonly Guid Stream = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void Entry_MatchesTheDocumentedEncoding_WhenFieldsAreNullNonAsciiAndSubMicrosecond()
    {
        var at = new DateTimeOffset(2026, 5, 1, 16, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567); // 08:00:00.1234567 UTC

        var hash = LedgerHash.Entry(Stream, 2, Enumerable.Repeat((byte)1, 32).ToArray(), at, "engine", "task-completed", "Task_Review", "李.officer",
            "legal-officer", unit: null, actingFor: null, "return", """{"reason":"证据不足"}""");

        Assert.Equal("5c25461e2043d01fb3178653db0f733f704e0046b07124aaae2c02abcb40f2d7", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Checkpoint_MatchesTheDocumentedEncoding_WithHeadsInStreamOrder()
    {
        var heads = new[] { new LedgerHead(Stream, 5, Enumerable.Repeat((byte)2, 32).ToArray()), new LedgerHead(Guid.Empty, 3, Enumerable.Repeat((byte)3, 32).ToArray()) };
        var sorted = heads.Order(Comparer<LedgerHead>.Create((a, b) => LedgerHash.CompareStreams(a.Stream, b.Stream))).ToArray();

        var hash = LedgerHash.Checkpoint(1, new byte[32], new DateTimeOffset(2026, 5, 1, 8, 1, 0, TimeSpan.Zero), 0, 10, 10, sorted);

        Assert.Equal(Guid.Empty, sorted[0].Stream);
        Assert.Equal("fea7cb9c28dfc8264d295fc7302af5902e57bd41c791de881b3fc415a2f1d98d", Convert.ToHexStringLower(hash));
    }

    [Theory]
    [InlineData("data", "", null)] // null and empty text differ
    [InlineData("kind", "ab", "a")]
    public void Entry_Differs_WhenAFieldDiffers(string field, string? one, string? other)
    {
        byte[] Hash(string? value) => LedgerHash.Entry(Stream, 1, new byte[32], DateTimeOffset.UnixEpoch, "engine",
            field == "kind" ? value! : "k", null, null, null, null, null, null, field == "data" ? value : null);

        Assert.NotEqual(Hash(one), Hash(other));
    }

    [Fact]
    public void Entry_CannotBeShiftedBetweenFields_BecauseEveryFieldIsLengthPrefixed()
    {
        var a = LedgerHash.Entry(Stream, 1, new byte[32], DateTimeOffset.UnixEpoch, "engine", "ab", "c", null, null, null, null, null, null);
        var b = LedgerHash.Entry(Stream, 1, new byte[32], DateTimeOffset.UnixEpoch, "engine", "a", "bc", null, null, null, null, null, null);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Truncate_KeepsWholeMicrosecondsInUtc()
    {
        var at = new DateTimeOffset(2026, 5, 1, 16, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);

        var truncated = LedgerHash.Truncate(at);

        Assert.Equal((TimeSpan.Zero, at.UtcTicks - 7), (truncated.Offset, truncated.UtcTicks));
    }
}
