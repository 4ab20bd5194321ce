using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Sql;

/// <summary>
/// Statements collected into one command (one round trip on a server database), with parameters numbered
/// across the whole batch and created by EF Core's type mappings. Writes go through EF Core's raw-SQL
/// pipeline, so they run in the context's transaction and are seen by its logging and interceptors.
/// </summary>
internal sealed class SqlBatch(WorkflowDbContext db) : IStatementText
{
    private readonly DbCommand _factory = db.Database.GetDbConnection().CreateCommand();
    private readonly List<DbParameter> _parameters = [];
    private readonly StringBuilder _text = new();

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Appends SQL text; end a statement with <see cref="End"/>.</summary>
    public SqlBatch Sql(string text)
    {
        _text.Append(text);
        return this;
    }

    /// <summary>Appends a parameter placeholder for <paramref name="value"/>, converted as the column's mapping says.</summary>
    public SqlBatch Value(TableSql table, string property, object? value)
    {
        var name = "@p" + _parameters.Count;
        _parameters.Add(table.Mapping(property).CreateParameter(_factory, name, value, nullable: true));
        _text.Append(name);
        return this;
    }

    /// <summary>
    /// Appends a parameter placeholder for <paramref name="value"/> as it is, without the model's conversion: for the ledger's
    /// columns, which the ledger's own dialect has already converted.
    /// </summary>
    public SqlBatch Raw(object? value)
    {
        var parameter = _factory.CreateParameter();
        parameter.ParameterName = "@p" + _parameters.Count;
        parameter.Value = value ?? DBNull.Value;
        _parameters.Add(parameter);
        _text.Append(parameter.ParameterName);
        return this;
    }

    public SqlBatch End()
    {
        _text.Append(";\n");
        return this;
    }

    IStatementText IStatementText.Sql(string text) => Sql(text);

    IStatementText IStatementText.Raw(object? value) => Raw(value);

    IStatementText IStatementText.End() => End();

    /// <summary>Runs the statements; returns the rows affected in all.</summary>
    public Task<int> ExecuteAsync(CancellationToken ct) =>
        // No {n} placeholders are ever written, so the text reaches the database unchanged.
        db.Database.ExecuteSqlRawAsync(_text.ToString(), _parameters, ct);

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
}
