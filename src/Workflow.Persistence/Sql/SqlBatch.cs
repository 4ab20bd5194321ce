using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Statements collected for one execution, with parameters created by EF Core's type mappings. On PostgreSQL they go as one
/// <see cref="DbBatch"/> (one round trip), each statement with positional parameters (<c>$1</c>, <c>$2</c>, …) numbered
/// from one, so that Npgsql sends the text as it is, without parsing it for placeholders and semicolons, and the same
/// statement has the same text every time (prepared automatically). On SQLite, which has no round trips to save, each
/// statement runs on its own with parameters numbered from <c>@p0</c>, and is compiled once per open connection
/// (<see cref="PreparedStatements"/>). Elsewhere (SQL Server) they go as one command, parameters numbered across the whole
/// batch. Writes are seen by EF Core's logging and interceptors every way (<see cref="LoggedCommand"/>).
/// </summary>
internal sealed class SqlBatch(WorkflowDbContext db) : IStatementText
{
    private readonly DbCommand _factory = ParameterFactory.For(db.Database.GetDbConnection());
    private readonly Mode _mode = db.IsSqlite ? Mode.OneByOne : db.IsNpgsql ? Mode.Positional : Mode.Joined;
    private readonly List<Statement> _ended = [];
    private readonly List<DbParameter> _parameters = [];
    private readonly StringBuilder _text = new();

    /// <summary>The parameters of the statement being written start here (numbering restarts per statement on SQLite).</summary>
    private int _first;

    public bool IsEmpty => _text.Length == 0 && _ended.Count == 0;

    /// <summary>Appends SQL text; end a statement with <see cref="End"/>.</summary>
    public SqlBatch Sql(string text)
    {
        _text.Append(text);
        return this;
    }

    /// <summary>Appends a parameter placeholder for <paramref name="value"/>, converted as the column's mapping says.</summary>
    public SqlBatch Value(TableSql table, string property, object? value)
    {
        _text.Append(NextPlaceholder());
        _parameters.Add(table.Mapping(property).CreateParameter(_factory, ParameterName(), value, nullable: true));
        return this;
    }

    /// <summary>
    /// Appends a parameter placeholder for <paramref name="value"/> as it is, without the model's conversion: for the ledger's
    /// columns, which the ledger's own dialect has already converted.
    /// </summary>
    public SqlBatch Raw<T>(T value)
    {
        _text.Append(NextPlaceholder());
        var parameter = _factory.CreateParameter();
        parameter.ParameterName = ParameterName();
        RawParameter.Set(parameter, value);
        _parameters.Add(parameter);
        return this;
    }

    public SqlBatch End()
    {
        if (_mode != Mode.Joined)
        {
            _ended.Add(TakeStatement());
        }
        else
        {
            _text.Append(";\n");
        }
        return this;
    }

    IStatementText IStatementText.Sql(string text) => Sql(text);

    IStatementText IStatementText.Raw<T>(T value) => Raw(value);

    IStatementText IStatementText.End() => End();

    /// <summary>The placeholder of the next parameter (numbered per statement unless the statements go as one text).</summary>
    private string NextPlaceholder() => _mode == Mode.Positional ? "$" + (_parameters.Count - _first + 1) : "@p" + (_parameters.Count - _first);

    /// <summary>The name of the parameter just placed: none when it is positional (Npgsql then leaves the text alone).</summary>
    private string ParameterName() => _mode == Mode.Positional ? "" : "@p" + (_parameters.Count - _first);

    private Statement TakeStatement()
    {
        var statement = new Statement(_text.ToString(), _parameters.GetRange(_first, _parameters.Count - _first).ToArray());
        _text.Clear();
        _first = _parameters.Count;
        return statement;
    }

    /// <summary>Runs the statements; returns the rows affected in all.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        if (_mode == Mode.Joined)
        {
            // No {n} placeholders are ever written, so the text reaches the database unchanged.
            return await db.Database.ExecuteSqlRawAsync(_text.ToString(), _parameters, ct).ConfigureAwait(false);
        }
        if (_text.Length > 0)
        {
            _ended.Add(TakeStatement());
        }
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return _mode == Mode.OneByOne
                ? await RunOneByOneAsync(connection, transaction, ct).ConfigureAwait(false)
                : await RunAsBatchAsync(connection, transaction, ct).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<int> RunOneByOneAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var statements = PreparedStatements.For(connection);
        var rows = 0;
        foreach (var statement in _ended)
        {
            using var rented = statements.Rent(statement.Text);
            rented.Command.Transaction = transaction;
            rented.Command.Parameters.AddRange(statement.Parameters);
            rows += await LoggedCommand.ExecuteNonQueryAsync(db, rented.Command, ct).ConfigureAwait(false);
        }
        return rows;
    }

    private async Task<int> RunAsBatchAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (db.Database.GetCommandTimeout() is { } seconds)
        {
            batch.Timeout = seconds;
        }
        foreach (var statement in _ended)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Text;
            command.Parameters.AddRange(statement.Parameters);
            batch.BatchCommands.Add(command);
        }
        return await LoggedCommand.ExecuteNonQueryAsync(db, batch, ct).ConfigureAwait(false);
    }

    /// <summary>Runs a single query on the open connection (and the current transaction, if any) and reads its result.</summary>
    public async Task<T> QueryAsync<T>(Func<DbDataReader, Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = _text.ToString();
        command.Parameters.AddRange(_parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader).ConfigureAwait(false);
    }

    private sealed record Statement(string Text, DbParameter[] Parameters);

    private enum Mode
    {
        /// <summary>SQLite: each statement on its own, kept prepared on the connection.</summary>
        OneByOne,

        /// <summary>PostgreSQL: one batch of statements with positional parameters.</summary>
        Positional,

        /// <summary>Other server databases: one command whose text holds every statement.</summary>
        Joined,
    }
}
