using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Runs a command of our own as EF Core runs its commands: logged, seen by diagnostic listeners, and open to the context's
/// command interceptors (which may replace the result or throw), so that a statement kept prepared outside EF's pipeline
/// is not invisible to what watches EF's.
/// </summary>
internal static class LoggedCommand
{
    public static async Task<int> ExecuteNonQueryAsync(WorkflowDbContext db, DbCommand command, CancellationToken ct)
    {
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        var start = DateTimeOffset.UtcNow;
        if (!logger.ShouldLogCommandExecute(start))
        {
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var connection = db.GetService<IRelationalConnection>();
        var id = Guid.NewGuid();
        var watch = Stopwatch.StartNew();
        try
        {
            var intercepted = await logger.CommandNonQueryExecutingAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, start,
                CommandSource.ExecuteSqlRaw, ct).ConfigureAwait(false);
            var rows = intercepted.HasResult ? intercepted.Result : await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
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
