using System.Data.Common;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// The instance store's loads — by instance id, by open task id, by open task id with the case around it — as fixed
/// texts with their parameters, so that a connection that stays open compiles each once (<see cref="ReadConnections"/>).
/// Each reads the state, the revision and the head of each instance's ledger stream in one snapshot
/// (<see cref="EfInstanceStore"/>).
/// </summary>
internal sealed class InstanceLoads
{
    private readonly TableSql _instances;
    private readonly TableSql _tasks;

    /// <param name="sql">The store's tables.</param>
    /// <param name="caseWithTask">
    /// Whether <see cref="WithCaseByTask"/> reads the case along. Not on SQLite: a load there is no round trip, and reading
    /// the case with every task command cost more (0.81 against 0.76 ms of CPU per completion) than loading it when a rule
    /// asks for it.
    /// </param>
    public InstanceLoads(StoreSql sql, bool caseWithTask)
    {
        var (i, t) = (_instances, _tasks) = (sql.Instances, sql.Tasks);
        // The instance's row holds the head of its ledger stream.
        var select = $"SELECT i.{i["State"]}, i.{i["Revision"]}, i.{i["LedgerSeq"]}, i.{i["LedgerHash"]}";
        ById = $"{select} FROM {i.Name} i WHERE i.{i["Id"]} = @p0";
        ByTask = $"{select} FROM {t.Name} t JOIN {i.Name} i ON i.{i["Id"]} = t.{t["InstanceId"]} WHERE t.{t["Id"]} = @p0 AND t.{t["State"]} = @p1";
        // The task's instance (o.id) first, then its caller, the caller's other called instances and its own called ones:
        // the case of a flow called one level deep, read in the same snapshot.
        var (id, parent) = (i["Id"], i["ParentInstanceId"]);
        WithCaseByTask = !caseWithTask ? ByTask : $"{select} FROM (SELECT x.{id} AS id, x.{parent} AS parent FROM {t.Name} t JOIN {i.Name} x ON x.{id} = t.{t["InstanceId"]} "
            + $"WHERE t.{t["Id"]} = @p0 AND t.{t["State"]} = @p1) o JOIN {i.Name} i ON i.{id} = o.id OR i.{id} = o.parent OR i.{parent} = o.id "
            + $"OR i.{parent} = o.parent ORDER BY CASE WHEN i.{id} = o.id THEN 0 ELSE 1 END";
    }

    /// <summary>
    /// The load by the id of an open task (<c>@p0</c>) with the case around its instance, the task's instance first; the same
    /// as <see cref="ByTask"/> where the case is not read along.
    /// </summary>
    public string WithCaseByTask { get; }

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

    /// <summary>Reads every row of a load.</summary>
    public static async Task<IReadOnlyList<StoredInstance>> ReadAllAsync(DbDataReader reader, CancellationToken ct)
    {
        var found = new List<StoredInstance>(2);
        while (await ReadAsync(reader, ct).ConfigureAwait(false) is { } stored)
        {
            found.Add(stored);
        }
        return found;
    }

    /// <summary>Reads the next row of a load; null when there is none.</summary>
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
