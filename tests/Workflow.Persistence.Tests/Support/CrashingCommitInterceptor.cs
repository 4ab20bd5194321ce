using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// Simulates a crash at the last moment of a save: every COMMIT fails with an <see cref="IOException"/>, after the
/// store has written all its rows (instances, tasks, timers, history) in the transaction. The transaction is then
/// rolled back, as the database does when the connection of an uncommitted transaction goes away. A save sent to
/// PostgreSQL as one batch (<see cref="OneTripBatch"/>) has all its statements run for real, and then fails before they commit.
/// </summary>
public sealed class CrashingCommitInterceptor : DbTransactionInterceptor, IDbCommandInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        throw new IOException("the database went away");

    /// <inheritdoc />
    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default) =>
        throw new IOException("the database went away");

    /// <inheritdoc />
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (!OneTripBatch.Is(command))
        {
            return result;
        }
        await OneTripBatch.RunUntilAsync(command, _ => false, cancellationToken);
        throw new IOException("the database went away");
    }
}
