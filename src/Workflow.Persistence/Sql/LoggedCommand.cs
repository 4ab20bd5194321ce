using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Runs a command or batch of our own as EF Core runs its commands: logged, seen by diagnostic listeners, and open to the
/// context's command interceptors (which may replace the result or throw), so that a statement kept prepared or batched
/// outside EF's pipeline is not invisible to what watches EF's.
/// </summary>
internal static class LoggedCommand
{
    public static Task<int> ExecuteNonQueryAsync(WorkflowDbContext db, DbCommand command, CancellationToken ct)
    {
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        var start = DateTimeOffset.UtcNow;
        return logger.ShouldLogCommandExecute(start)
            ? LogAndRunAsync(db, logger, start, command, command.ExecuteNonQueryAsync, ct)
            : command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="batch"/>. EF Core logs and intercepts commands, not batches: when anything watches, it is shown one
    /// command holding the batch's statements and copies of their parameters. An interceptor may fail the batch or supply its
    /// result; a change it makes to the command shown does not reach the batch.
    /// </summary>
    public static async Task<int> ExecuteNonQueryAsync(WorkflowDbContext db, DbBatch batch, CancellationToken ct)
    {
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        var start = DateTimeOffset.UtcNow;
        if (!logger.ShouldLogCommandExecute(start))
        {
            return await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using var shown = batch.Connection!.CreateCommand();
        shown.Transaction = batch.Transaction;
        shown.CommandText = string.Join(";\n", batch.BatchCommands.Select(c => c.CommandText));
        foreach (var parameter in batch.BatchCommands.SelectMany(c => c.Parameters.Cast<DbParameter>()))
        {
            if (parameter is ICloneable cloneable)
            {
                shown.Parameters.Add(cloneable.Clone());
            }
        }
        return await LogAndRunAsync(db, logger, start, shown, batch.ExecuteNonQueryAsync, ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="execute"/> as <paramref name="command"/>, logged and open to interceptors (the logger wants it).</summary>
    private static async Task<int> LogAndRunAsync(WorkflowDbContext db, IRelationalCommandDiagnosticsLogger logger, DateTimeOffset start, DbCommand command,
        Func<CancellationToken, Task<int>> execute, CancellationToken ct)
    {
        var connection = db.GetService<IRelationalConnection>();
        var id = Guid.NewGuid();
        var watch = Stopwatch.StartNew();
        try
        {
            var intercepted = await logger.CommandNonQueryExecutingAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, start,
                CommandSource.ExecuteSqlRaw, ct).ConfigureAwait(false);
            var rows = intercepted.HasResult ? intercepted.Result : await execute(ct).ConfigureAwait(false);
            return await logger.CommandNonQueryExecutedAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, rows, start,
                watch.Elapsed, CommandSource.ExecuteSqlRaw, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await logger.CommandErrorAsync(connection, command, command.CommandText, db, DbCommandMethod.ExecuteNonQuery, id, connection.ConnectionId, e, start,
                watch.Elapsed, CommandSource.ExecuteSqlRaw, ct).ConfigureAwait(false);
            throw;
        }
    }
}
