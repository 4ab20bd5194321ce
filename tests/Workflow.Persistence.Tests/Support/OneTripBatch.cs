using System.Data.Common;
using System.Text.RegularExpressions;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// A save that PostgreSQL gets as one batch, <c>BEGIN</c> … <c>COMMIT</c> (SaveWork.OneTripAsync), as interceptors see it: one
/// command holding the statements joined by <c>";\n"</c>, each numbering its positional parameters from <c>$1</c>, and copies
/// of all the parameters in order. Fault injection uses it to run part of the batch for real and then fail, as a crash would.
/// </summary>
public static partial class OneTripBatch
{
    public static bool Is(DbCommand command) =>
        command.Transaction is null && command.CommandText.StartsWith("BEGIN;\n", StringComparison.Ordinal)
        && command.CommandText.EndsWith(";\nCOMMIT", StringComparison.Ordinal);

    /// <summary>
    /// Runs the batch's statements on its connection up to the first one <paramref name="stopAt"/> picks (which does not run),
    /// leaving the transaction they began open, as a connection is left when the process dies at that point.
    /// </summary>
    public static async Task RunUntilAsync(DbCommand command, Func<string, bool> stopAt, CancellationToken ct)
    {
        var parameters = command.Parameters.Cast<DbParameter>().ToArray();
        await using var batch = command.Connection!.CreateBatch();
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
