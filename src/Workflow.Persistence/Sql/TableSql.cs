using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Sql;

/// <summary>
/// The table and column names of one mapped row type, quoted for the provider, and the type mappings that turn
/// values into parameters exactly as EF Core itself would (Guid as upper-case text and timestamps as ticks on
/// SQLite, uuid/timestamptz on PostgreSQL, …). Hand-written statements built on it cannot drift from the model.
/// </summary>
internal sealed class TableSql
{
    private readonly Dictionary<string, (string Column, RelationalTypeMapping Mapping)> _columns = new(StringComparer.Ordinal);

    public TableSql(IModel model, Type rowType, ISqlGenerationHelper sql)
    {
        var entity = model.FindEntityType(rowType) ?? throw new InvalidOperationException($"{rowType.Name} is not mapped");
        Name = sql.DelimitIdentifier(entity.GetTableName()!);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        foreach (var property in entity.GetProperties())
        {
            _columns[property.Name] = (sql.DelimitIdentifier(property.GetColumnName(table)!), property.GetRelationalTypeMapping());
        }
    }

    /// <summary>The quoted table name.</summary>
    public string Name { get; }

    /// <summary>The quoted column of a property.</summary>
    public string this[string property] => _columns[property].Column;

    /// <summary>The type mapping of a property's column.</summary>
    public RelationalTypeMapping Mapping(string property) => _columns[property].Mapping;
}
