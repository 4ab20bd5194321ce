using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Tests.Support;

/// <summary>Keeps the text of every non-query statement run (a batch shows as one command holding its statements).</summary>
public sealed class RecordingInterceptor : DbCommandInterceptor
{
    public ConcurrentQueue<string> Texts { get; } = new();

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
