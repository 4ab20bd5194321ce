using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflow.Persistence.Conventions;

/// <summary>How timestamps are stored: always in UTC; on SQLite as UTC ticks so that they compare and sort in SQL.</summary>
internal static class TimestampConverters
{
    /// <summary>
    /// PostgreSQL's <c>timestamptz</c> accepts only offset 0 from Npgsql, and SQL Server compares
    /// <c>datetimeoffset</c> in UTC anyway: normalising on the way in makes both behave the same.
    /// </summary>
    internal sealed class Utc() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

    /// <summary>
    /// SQLite has no date type; EF stores <see cref="DateTimeOffset"/> as text there and refuses to order or
    /// compare it in SQL. Ticks are exact (the engine's clock has tick resolution) and sort as integers.
    /// </summary>
    internal sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
