namespace Workflow.Persistence.Sql;

/// <summary>
/// Where statements are written: SQL text and, for each value, a parameter placeholder. The ledger's rows are written the
/// same way into a save's <see cref="SqlBatch"/> or a command of the ledger's own (<see cref="CommandText"/>).
/// </summary>
internal interface IStatementText
{
    /// <summary>Appends SQL text.</summary>
    IStatementText Sql(string text);

    /// <summary>
    /// Appends a placeholder for <paramref name="value"/>, passed as it is; null as <see cref="DBNull"/> typed as the values of
    /// <typeparamref name="T"/> are (<see cref="RawParameter"/>).
    /// </summary>
    IStatementText Raw<T>(T value);

    /// <summary>Ends a statement.</summary>
    IStatementText End();
}
