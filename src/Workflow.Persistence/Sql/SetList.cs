namespace Workflow.Persistence.Sql;

/// <summary>
/// The <c>SET</c> list of an <c>UPDATE</c> written into a batch, holding only the columns given: a save writes the columns
/// that changed, since SQLite deletes and re-inserts the index entries of every indexed column it is told to set.
/// </summary>
/// <param name="batch">Where the list is written, right after <c>SET </c>.</param>
/// <param name="table">The table's columns and their mappings.</param>
internal sealed class SetList(SqlBatch batch, TableSql table)
{
    private bool _started;

    /// <summary>Appends <c>column = @value</c> when <paramref name="when"/> holds.</summary>
    public SetList Add(string property, object? value, bool when = true)
    {
        if (when)
        {
            batch.Sql($"{(_started ? ", " : "")}{table[property]} = ").Value(table, property, value);
            _started = true;
        }
        return this;
    }
}
