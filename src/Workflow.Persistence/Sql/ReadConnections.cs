using System.Data.Common;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Open connections for the hot reads of one SQLite database (loading an instance for a command), each keeping the
/// statements it compiled (<see cref="PreparedStatements"/>).
/// </summary>
/// <remarks>
/// A read through a pooled context rented the context, opened and closed a connection — Microsoft.Data.Sqlite finalises a
/// connection's statements on close — and compiled its query again, every time: several times the cost of running it. A
/// connection kept here is used by one read at a time. Those idle for longer than a few seconds are closed, so a
/// store that falls quiet holds no file open. Reads run outside any transaction, each on the latest committed state, as
/// they did through a context.
/// </remarks>
internal sealed class ReadConnections : IDisposable
{
    /// <summary>Connections kept idle at most; more readers at once get connections that close after their read.</summary>
    internal const int Capacity = 8;

    /// <summary>How long a connection stays open unused, by default.</summary>
    internal static readonly TimeSpan DefaultIdleTime = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _idleTime;

    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly TimeProvider _clock = TimeProvider.System; // for resources, not business time: never a test's fake clock
    private readonly List<(DbConnection Connection, long ReturnedAt)> _idle = [];
    private readonly Lock _gate = new();
    private readonly ITimer _sweep;
    private bool _sweepArmed;
    private bool _disposed;

    public ReadConnections(DbProviderFactory factory, string connectionString, TimeSpan? idleTime = null)
    {
        _factory = factory;
        _connectionString = connectionString;
        _idleTime = idleTime ?? DefaultIdleTime;
        // Not armed until a connection waits idle: an unarmed timer keeps nothing alive.
        _sweep = _clock.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Connections open and idle now.</summary>
    internal int Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// Runs the query <paramref name="text"/> with the parameters <paramref name="bind"/> adds to the (kept) command and reads
    /// its result with <paramref name="read"/>.
    /// </summary>
    public async Task<T> QueryAsync<T>(string text, Action<DbCommand> bind, Func<DbDataReader, Task<T>> read, CancellationToken ct)
    {
        var connection = await RentAsync(ct).ConfigureAwait(false);
        var healthy = false;
        try
        {
            using var rented = PreparedStatements.For(connection).Rent(text);
            bind(rented.Command);
            T result;
            await using (var reader = await rented.Command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                result = await read(reader).ConfigureAwait(false);
            }
            healthy = true;
            return result;
        }
        finally
        {
            // A read that failed may have left the connection in any state: it is not kept.
            await ReturnAsync(connection, healthy).ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> RentAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.Count > 0)
            {
                var last = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                return last.Connection;
            }
        }
        var connection = _factory.CreateConnection() ?? throw new InvalidOperationException("the database provider made no connection");
        connection.ConnectionString = _connectionString;
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return connection;
    }

    private async Task ReturnAsync(DbConnection connection, bool keep)
    {
        lock (_gate)
        {
            if (keep && !_disposed && _idle.Count < Capacity)
            {
                // Last in, first out: the busy connections stay warm and the spare ones age out.
                _idle.Add((connection, _clock.GetTimestamp()));
                if (!_sweepArmed)
                {
                    _sweepArmed = true;
                    _sweep.Change(_idleTime, Timeout.InfiniteTimeSpan);
                }
                return;
            }
        }
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Sweep()
    {
        List<DbConnection> expired;
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            expired = _idle.Where(i => _clock.GetElapsedTime(i.ReturnedAt, now) >= _idleTime).Select(i => i.Connection).ToList();
            _idle.RemoveAll(i => expired.Contains(i.Connection));
            _sweepArmed = _idle.Count > 0 && !_disposed;
            if (_sweepArmed)
            {
                _sweep.Change(_idleTime, Timeout.InfiniteTimeSpan);
            }
        }
        foreach (var connection in expired)
        {
            connection.Dispose();
        }
    }

    /// <summary>Closes the idle connections; those in use close when their read ends.</summary>
    public void Dispose()
    {
        List<DbConnection> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = _idle.Select(i => i.Connection).ToList();
            _idle.Clear();
        }
        _sweep.Dispose();
        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }
}
