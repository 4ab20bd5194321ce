using System.Data.Common;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// The instance store's two loads — by instance id, by open task id — as fixed texts with their parameters, so that a
/// connection that stays open compiles each once (<see cref="ReadConnections"/>). Each reads the state, the revision and
/// the head of the instance's ledger stream in one snapshot (<see cref="EfInstanceStore"/>).
/// </summary>
internal sealed class InstanceLoads
{
    private readonly TableSql _instances;
    private readonly TableSql _tasks;

    public InstanceLoads(StoreSql sql)
    {
        var (i, t) = (_instances, _tasks) = (sql.Instances, sql.Tasks);
        // The instance's row holds the head of its ledger stream.
        var select = $"SELECT i.{i["State"]}, i.{i["Revision"]}, i.{i["LedgerSeq"]}, i.{i["LedgerHash"]}";
        ById = $"{select} FROM {i.Name} i WHERE i.{i["Id"]} = @p0";
        ByTask = $"{select} FROM {t.Name} t JOIN {i.Name} i ON i.{i["Id"]} = t.{t["InstanceId"]} WHERE t.{t["Id"]} = @p0 AND t.{t["State"]} = @p1";
    }

    /// <summary>The load by instance id (<c>@p0</c>).</summary>
    public string ById { get; }

    /// <summary>The load by the id of an open task (<c>@p0</c>).</summary>
    public string ByTask { get; }

    public void BindId(DbCommand command, Guid instanceId) => Add(command, _instances, "Id", "@p0", instanceId);

    public void BindTask(DbCommand command, Guid taskId)
    {
        Add(command, _tasks, "Id", "@p0", taskId);
        Add(command, _tasks, "State", "@p1", TaskState.Open);
    }

    private static void Add(DbCommand command, TableSql table, string property, string name, object value) =>
        command.Parameters.Add(table.Mapping(property).CreateParameter(command, name, value, nullable: false));

    /// <summary>Reads the one row of a load; null when there is none.</summary>
    public static async Task<StoredInstance?> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }
        var instance = InstanceStateSerializer.Deserialize(reader.GetFieldValue<byte[]>(0));
        var revision = reader.GetInt64(1);
        var seq = reader.GetInt64(2);
        var head = new KnownHead(instance.Id, seq == 0 || reader.IsDBNull(3) ? null : new LedgerHead(instance.Id, seq, reader.GetFieldValue<byte[]>(3)));
        return new StoredInstance(instance, revision) { Projection = InstanceProjection.Of(instance) with { StoreState = head } };
    }
}
