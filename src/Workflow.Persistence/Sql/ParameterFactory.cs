using System.Collections.Concurrent;
using System.Data.Common;

namespace Workflow.Persistence.Sql;

/// <summary>
/// A command of a connection's provider that belongs to no connection, used only to create parameters (EF Core's type
/// mappings create theirs through a command).
/// </summary>
/// <remarks>
/// A command made by <c>connection.CreateCommand()</c> is listed on its connection until disposed, and Microsoft.Data.Sqlite
/// walks that whole list on every command it disposes (its own <c>BEGIN</c> and <c>COMMIT</c> among them). Batches that made
/// one such command each and left it to the collector made the list of the writer's long-open connection grow until the
/// walks took a third of the process's time.
/// </remarks>
internal static class ParameterFactory
{
    private static readonly ConcurrentDictionary<Type, DbCommand> Commands = new();

    /// <summary>The detached command of <paramref name="connection"/>'s provider (creating parameters touches no state of it).</summary>
    public static DbCommand For(DbConnection connection) =>
        Commands.GetOrAdd(connection.GetType(), static (_, c) =>
            (DbProviderFactories.GetFactory(c) ?? throw new NotSupportedException($"{c.GetType().Name} names no provider factory.")).CreateCommand()
            ?? throw new NotSupportedException($"The provider of {c.GetType().Name} makes no commands."), connection);
}
