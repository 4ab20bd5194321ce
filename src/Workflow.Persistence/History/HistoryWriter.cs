using Workflow.Engine.Storage;
using Workflow.Persistence.Sql;

namespace Workflow.Persistence.History;

/// <summary>Appends history lines to a save's batch, many rows per statement.</summary>
internal static class HistoryWriter
{
    // SQL Server takes at most 1,000 rows per VALUES list and 2,100 parameters per command.
    private const int RowsPerStatement = 100;

    public static void Append(SqlBatch batch, StoreSql sql, IReadOnlyList<HistoryEntry> history)
    {
        var h = sql.History;
        for (var start = 0; start < history.Count; start += RowsPerStatement)
        {
            batch.Sql($"INSERT INTO {h.Name} ({h["InstanceId"]}, {h["At"]}, {h["Kind"]}, {h["ElementId"]}, {h["Actor"]}, {h["Data"]}) VALUES ");
            for (var i = start; i < Math.Min(history.Count, start + RowsPerStatement); i++)
            {
                var e = history[i];
                batch.Sql(i == start ? "(" : ", (").Value(h, "InstanceId", e.InstanceId).Sql(", ").Value(h, "At", e.At).Sql(", ").Value(h, "Kind", e.Kind)
                    .Sql(", ").Value(h, "ElementId", e.ElementId).Sql(", ").Value(h, "Actor", e.Actor).Sql(", ").Value(h, "Data", e.Data).Sql(")");
            }
            batch.End();
        }
    }
}
