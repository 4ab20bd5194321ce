using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Commands of one open connection, kept by their SQL text so that a statement run again is not compiled again.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite keeps what it compiled only in the command that compiled it, and a new command per statement
/// made SQLite parse and plan every statement of every save anew: about a third of the single writer's time. The
/// commands are dropped when the connection closes, since a pooled connection object may be opened on another native
/// connection next time, where the compiled statements do not exist. So only a connection that stays open — the
/// instance store's SQLite writer, while saves keep coming — gains from them.
/// </remarks>
internal sealed class PreparedStatements
{
    /// <summary>Texts kept per connection at most; a text beyond them runs in a command of its own.</summary>
    internal const int Capacity = 64;

    private static readonly ConditionalWeakTable<DbConnection, PreparedStatements> Prepared = [];

    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    private PreparedStatements(DbConnection connection) => _connection = connection;

    /// <summary>Texts kept.</summary>
    internal int Count => _commands.Count;

    /// <summary>The statements of <paramref name="connection"/> (used by one command at a time, like the connection).</summary>
    public static PreparedStatements For(DbConnection connection) => Prepared.GetValue(connection, static c =>
    {
        c.StateChange += Forget;
        return new PreparedStatements(c);
    });

    /// <summary>
    /// A command of <paramref name="text"/> for one run: the one kept on the connection (its parameters made by
    /// <paramref name="parameters"/> the first time), or — with the cache full — one of its own, disposed after the run.
    /// Without <paramref name="parameters"/> the caller adds the run's own, and they are taken off a kept command afterwards,
    /// so that it holds on to nothing of the run.
    /// </summary>
    public Rented Rent(string text, Action<DbCommand>? parameters = null)
    {
        if (!_commands.TryGetValue(text, out var command) && _commands.Count < Capacity)
        {
            command = New(text, parameters);
            _commands.Add(text, command);
        }
        return command is null ? new Rented(New(text, parameters), Kept: false, KeepParameters: false) : new Rented(command, Kept: true, parameters is not null);
    }

    private DbCommand New(string text, Action<DbCommand>? parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = text;
        parameters?.Invoke(command);
        return command;
    }

    /// <summary>A command rented for one run (<see cref="Rent"/>); disposing it ends the run.</summary>
    internal readonly record struct Rented(DbCommand Command, bool Kept, bool KeepParameters) : IDisposable
    {
        public void Dispose()
        {
            if (!Kept)
            {
                Command.Dispose();
            }
            else if (!KeepParameters)
            {
                Command.Parameters.Clear();
            }
        }
    }

    private static void Forget(object? sender, StateChangeEventArgs change)
    {
        if (sender is DbConnection connection && change.CurrentState != ConnectionState.Open)
        {
            connection.StateChange -= Forget;
            if (Prepared.TryGetValue(connection, out var prepared))
            {
                Prepared.Remove(connection);
                foreach (var command in prepared._commands.Values)
                {
                    command.Dispose();
                }
            }
        }
    }
}
