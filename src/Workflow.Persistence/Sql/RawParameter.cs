using System.Data;
using System.Data.Common;

namespace Workflow.Persistence.Sql;

/// <summary>A parameter's value passed as it is, without a model's conversion (the ledger's columns).</summary>
internal static class RawParameter
{
    /// <summary>
    /// Sets <paramref name="value"/>; a null is typed as the non-null values of <typeparamref name="T"/> would be. Npgsql
    /// runs a statement it has prepared only with parameters of the types it was prepared for: an untyped null (a ledger
    /// entry without a role, say) made it send the statement unprepared, parsed and planned again on every save.
    /// </summary>
    public static void Set<T>(DbParameter parameter, T value)
    {
        if (value is not null)
        {
            parameter.Value = value;
            return;
        }
        parameter.Value = DBNull.Value;
        if (typeof(T) == typeof(string))
        {
            parameter.DbType = DbType.String;
        }
        else if (typeof(T) == typeof(byte[]))
        {
            parameter.DbType = DbType.Binary;
        }
    }
}
