using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// Simulates a crash in the middle of a save: once armed, the statement batch that writes the task rows throws — after
/// the store has already written the instance row in its transaction (in a save sent as one batch, <see cref="OneTripBatch"/>,
/// the statements before the first task row are run first). Before throwing it records the revision the transaction sees.
/// </summary>
public sealed class FailingSaveInterceptor(Guid instanceId) : DbCommandInterceptor
{
    /// <summary>Throw on the next write of task rows.</summary>
    public bool Armed { get; set; }

    /// <summary>The instance's revision as seen inside the failing transaction.</summary>
    public long? RevisionSeenInTransaction { get; private set; }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var oneTrip = OneTripBatch.Is(command);
        if (!Armed || (command.Transaction is null && !oneTrip) || !command.CommandText.Contains("tasks", StringComparison.Ordinal))
        {
            return result;
        }
        if (oneTrip)
        {
            // Sent as one batch: what comes before the first write of a task row runs for real, in the batch's transaction.
            await OneTripBatch.RunUntilAsync(command, text => text.Contains("tasks", StringComparison.Ordinal), cancellationToken);
        }
        await using var probe = command.Connection!.CreateCommand();
        probe.Transaction = command.Transaction;
        probe.CommandText = "SELECT revision FROM instances";
        RevisionSeenInTransaction = await probe.ExecuteScalarAsync(cancellationToken) is { } revision and not DBNull ? Convert.ToInt64(revision, System.Globalization.CultureInfo.InvariantCulture) : null;
        _ = instanceId; // each test database holds this one instance
        throw new InvalidOperationException("simulated crash");
    }
}
