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
/// instance store's SQLite writer, which keeps its connection open between runs — gains from them. A connection open that
/// long meets more texts than it keeps (a save's <c>SET</c> list names only the columns that changed), so the one used
/// least recently makes room for a new one: the texts in use stay compiled.
/// </remarks>
internal sealed class PreparedStatements
{
    /// <summary>Texts kept per connection at most; beyond them the one used least recently is dropped.</summary>
    internal const int Capacity = 128;

    private static readonly ConditionalWeakTable<DbConnection, PreparedStatements> Prepared = [];

    private readonly DbConnection _connection;
    private readonly Dictionary<string, LinkedListNode<Kept>> _commands = new(StringComparer.Ordinal);

    /// <summary>The kept commands, the one used most recently first.</summary>
    private readonly LinkedList<Kept> _recent = new();

    private PreparedStatements(DbConnection connection) => _connection = connection;

    /// <summary>Texts kept.</summary>
    internal int Count => _commands.Count;

    /// <summary>Whether a command of <paramref name="text"/> is kept.</summary>
    internal bool Keeps(string text) => _commands.ContainsKey(text);

    /// <summary>The statements of <paramref name="connection"/> (used by one command at a time, like the connection).</summary>
    public static PreparedStatements For(DbConnection connection) => Prepared.GetValue(connection, static c =>
    {
        c.StateChange += Forget;
        return new PreparedStatements(c);
    });

    /// <summary>
    /// A command of <paramref name="text"/> for one run: the one kept on the connection (its parameters made by
    /// <paramref name="parameters"/> the first time), or a new one kept in place of the one used least recently — or, when
    /// every kept command is in a run, one of its own, disposed after the run. Without <paramref name="parameters"/> the
    /// caller adds the run's own, and they are taken off a kept command afterwards, so that it holds on to nothing of the run.
    /// </summary>
    public Rented Rent(string text, Action<DbCommand>? parameters = null)
    {
        if (_commands.TryGetValue(text, out var node))
        {
            if (node.Value.InRun)
            {
                return new Rented(New(text, parameters), null, keepParameters: false);
            }
            _recent.Remove(node);
            _recent.AddFirst(node);
        }
        else if (_commands.Count < Capacity || DropLeastRecent())
        {
            node = _recent.AddFirst(new Kept(text, New(text, parameters)));
            _commands.Add(text, node);
        }
        else
        {
            return new Rented(New(text, parameters), null, keepParameters: false);
        }
        node.Value.InRun = true;
        return new Rented(node.Value.Command, node.Value, parameters is not null);
    }

    /// <summary>Drops the command used least recently that is not in a run; false when all are.</summary>
    private bool DropLeastRecent()
    {
        for (var node = _recent.Last; node is not null; node = node.Previous)
        {
            if (!node.Value.InRun)
            {
                _recent.Remove(node);
                _commands.Remove(node.Value.Text);
                node.Value.Command.Dispose();
                return true;
            }
        }
        return false;
    }

    private DbCommand New(string text, Action<DbCommand>? parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = text;
        parameters?.Invoke(command);
        return command;
    }

    /// <summary>A kept command, and whether a run has it now (it is then neither dropped nor rented twice).</summary>
    internal sealed class Kept(string text, DbCommand command)
    {
        public string Text { get; } = text;
        public DbCommand Command { get; } = command;
        public bool InRun { get; set; }
    }

    /// <summary>A command rented for one run (<see cref="Rent"/>); disposing it ends the run.</summary>
    internal readonly record struct Rented : IDisposable
    {
        private readonly Kept? _kept;
        private readonly bool _keepParameters;

        internal Rented(DbCommand command, Kept? kept, bool keepParameters) => (Command, _kept, _keepParameters) = (command, kept, keepParameters);

        /// <summary>The command to run.</summary>
        public DbCommand Command { get; }

        public void Dispose()
        {
            if (_kept is null)
            {
                Command.Dispose();
                return;
            }
            if (!_keepParameters)
            {
                Command.Parameters.Clear();
            }
            _kept.InRun = false;
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
                foreach (var kept in prepared._recent)
                {
                    kept.Command.Dispose();
                }
            }
        }
    }
}
