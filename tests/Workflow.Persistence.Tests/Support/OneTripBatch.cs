using System.Data.Common;
using System.Text.RegularExpressions;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// A save that PostgreSQL gets as one batch, its own implicit transaction (SaveWork.OneTripAsync), as interceptors see it: one
/// command without a transaction, holding the statements joined by <c>";\n"</c> — the instances' writes first — each numbering
/// its positional parameters from <c>$1</c>, and copies of all the parameters in order. Fault injection uses it to run part of
/// the batch for real and then fail, as a crash would.
/// </summary>
public static partial class OneTripBatch
{
    public static bool Is(DbCommand command) =>
        command.Transaction is null && (command.CommandText.StartsWith("WITH saved AS (UPDATE instances ", StringComparison.Ordinal)
            || command.CommandText.StartsWith("INSERT INTO instances ", StringComparison.Ordinal));

    /// <summary>
    /// Runs the batch's statements on its connection up to the first one <paramref name="stopAt"/> picks (none: all of them),
    /// in a transaction left open, as a connection is left when the process dies at that point; the store's closing of the
    /// connection rolls it back, as the server does when a connection goes away.
    /// </summary>
    public static async Task RunUntilAsync(DbCommand command, Func<string, bool> stopAt, CancellationToken ct)
    {
        var parameters = command.Parameters.Cast<DbParameter>().ToArray();
        await using var batch = command.Connection!.CreateBatch();
        var begin = batch.CreateBatchCommand();
        begin.CommandText = "BEGIN";
        batch.BatchCommands.Add(begin);
        var used = 0;
        foreach (var text in command.CommandText.Split(";\n"))
        {
            if (stopAt(text))
            {
                break;
            }
            var count = Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            var statement = batch.CreateBatchCommand();
            statement.CommandText = text;
            statement.Parameters.AddRange(parameters[used..(used + count)].Select(p => ((ICloneable)p).Clone()).ToArray());
            batch.BatchCommands.Add(statement);
            used += count;
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();
}
