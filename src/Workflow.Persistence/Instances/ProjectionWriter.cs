using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Brings the <c>tasks</c>, <c>task_candidates</c> and <c>timers</c> rows of an instance in line with its state, inside
/// the save's transaction, by comparing the state with what was projected when it was loaded: new tasks become open
/// rows, changed ones are updated, vanished ones are closed; timers are inserted, re-armed or deleted.
/// </summary>
/// <remarks>
/// Only differences are written and nothing is read back, which keeps a save to a handful of statements. The
/// comparison is sound because the save only commits when the instance's revision is still the one loaded, and
/// every save of that revision wrote exactly the loaded projection.
/// </remarks>
internal sealed class ProjectionWriter(StoreSql sql, IDefinitionStore definitions, DateTimeOffset now)
{
    private readonly Dictionary<(string, int), DeployedDefinition?> _definitions = [];

    public async Task WriteAsync(SqlBatch batch, ProcessInstance instance, InstanceProjection? loaded, CancellationToken ct)
    {
        var before = loaded ?? Empty;
        // A new version (migration) may rename elements and change their roles: such rows are projected afresh.
        var reproject = loaded is not null && loaded.Version != instance.Version;
        var open = before.Tasks.ToDictionary(t => t.Id);
        foreach (var item in instance.Tasks)
        {
            if (!open.Remove(item.Id, out var row))
            {
                await InsertTaskAsync(batch, instance, item, ct).ConfigureAwait(false);
            }
            else if (reproject || row.ElementId != item.ElementId)
            {
                await ReprojectTaskAsync(batch, instance, item, ct).ConfigureAwait(false);
            }
            else if (row.Assignee != item.Assignee || row.OfferedTo != item.Offer?.To || row.Unit != item.Unit || row.DueAt != item.DueAt || before.BusinessKey != instance.BusinessKey)
            {
                UpdateTask(batch, instance, item, row);
            }
        }
        // The state cannot tell a completed task from one withdrawn by a boundary event; a cancelled or
        // failed instance is the one case where it is clear that nobody completed it.
        var closedAs = instance.Status is InstanceStatus.Cancelled or InstanceStatus.Failed ? TaskState.Cancelled : TaskState.Closed;
        foreach (var row in open.Values)
        {
            CloseTask(batch, row.Id, closedAs, wasClaimable: row.Assignee is null);
        }
        WriteTimers(batch, instance, before);
    }

    private static readonly InstanceProjection Empty = new(0, null, [], []);

    private async Task InsertTaskAsync(SqlBatch batch, ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        var t = sql.Tasks;
        var node = await FindNodeAsync(instance, item, ct).ConfigureAwait(false);
        batch.Sql($"INSERT INTO {t.Name} ({t["Id"]}, {t["InstanceId"]}, {t["ProcessId"]}, {t["ElementId"]}, {t["Name"]}, {t["State"]}, {t["Unit"]}, " +
                $"{t["Assignee"]}, {t["OfferedTo"]}, {t["BusinessKey"]}, {t["Priority"]}, {t["CreatedAt"]}, {t["DueAt"]}) VALUES (")
            .Value(t, "Id", item.Id).Sql(", ").Value(t, "InstanceId", instance.Id).Sql(", ").Value(t, "ProcessId", instance.ProcessId)
            .Sql(", ").Value(t, "ElementId", item.ElementId).Sql(", ").Value(t, "Name", node?.Name).Sql(", ").Value(t, "State", TaskState.Open)
            .Sql(", ").Value(t, "Unit", item.Unit).Sql(", ").Value(t, "Assignee", item.Assignee).Sql(", ").Value(t, "OfferedTo", item.Offer?.To)
            .Sql(", ").Value(t, "BusinessKey", instance.BusinessKey).Sql(", ").Value(t, "Priority", 0).Sql(", ").Value(t, "CreatedAt", item.CreatedAt).Sql(", ").Value(t, "DueAt", item.DueAt).Sql(")").End();
        InsertCandidates(batch, item, node);
    }

    /// <summary>An open row under its new element, name and candidate roles (after a migration).</summary>
    private async Task ReprojectTaskAsync(SqlBatch batch, ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        var t = sql.Tasks;
        var node = await FindNodeAsync(instance, item, ct).ConfigureAwait(false);
        batch.Sql($"UPDATE {t.Name} SET {t["ElementId"]} = ").Value(t, "ElementId", item.ElementId)
            .Sql($", {t["ProcessId"]} = ").Value(t, "ProcessId", instance.ProcessId)
            .Sql($", {t["Name"]} = ").Value(t, "Name", node?.Name).Sql(", ");
        SetMutable(batch, instance, item);
        batch.Sql($" WHERE {t["Id"]} = ").Value(t, "Id", item.Id).End();
        var c = sql.Candidates;
        batch.Sql($"DELETE FROM {c.Name} WHERE {c["TaskId"]} = ").Value(c, "TaskId", item.Id).End();
        InsertCandidates(batch, item, node);
    }

    private void InsertCandidates(SqlBatch batch, WorkItem item, Engine.Model.FlowNode? node)
    {
        var roles = node?.Task.Roles.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (roles.Length == 0)
        {
            return;
        }
        var c = sql.Candidates;
        batch.Sql($"INSERT INTO {c.Name} ({c["TaskId"]}, {c["Role"]}, {c["State"]}, {c["Unit"]}, {c["DueAt"]}) VALUES ");
        for (var i = 0; i < roles.Length; i++)
        {
            batch.Sql(i == 0 ? "(" : ", (").Value(c, "TaskId", item.Id).Sql(", ").Value(c, "Role", roles[i])
                .Sql(", ").Value(c, "State", CandidateStateOf(item)).Sql(", ").Value(c, "Unit", item.Unit).Sql(", ").Value(c, "DueAt", item.DueAt).Sql(")");
        }
        batch.End();
    }

    private void UpdateTask(SqlBatch batch, ProcessInstance instance, WorkItem item, ProjectedTask before)
    {
        var t = sql.Tasks;
        batch.Sql($"UPDATE {t.Name} SET ");
        SetMutable(batch, instance, item);
        batch.Sql($" WHERE {t["Id"]} = ").Value(t, "Id", item.Id).End();
        if (before.Assignee != item.Assignee || before.Unit != item.Unit || before.DueAt != item.DueAt)
        {
            var c = sql.Candidates;
            batch.Sql($"UPDATE {c.Name} SET {c["State"]} = ").Value(c, "State", CandidateStateOf(item))
                .Sql($", {c["Unit"]} = ").Value(c, "Unit", item.Unit).Sql($", {c["DueAt"]} = ").Value(c, "DueAt", item.DueAt)
                .Sql($" WHERE {c["TaskId"]} = ").Value(c, "TaskId", item.Id).End();
        }
    }

    /// <summary>Appends the columns a claim, unclaim, handover offer, transfer or new due time changes, as a SET list.</summary>
    private void SetMutable(SqlBatch batch, ProcessInstance instance, WorkItem item)
    {
        var t = sql.Tasks;
        batch.Sql($"{t["Assignee"]} = ").Value(t, "Assignee", item.Assignee)
            .Sql($", {t["OfferedTo"]} = ").Value(t, "OfferedTo", item.Offer?.To)
            .Sql($", {t["Unit"]} = ").Value(t, "Unit", item.Unit)
            .Sql($", {t["DueAt"]} = ").Value(t, "DueAt", item.DueAt)
            .Sql($", {t["BusinessKey"]} = ").Value(t, "BusinessKey", instance.BusinessKey);
    }

    private static CandidateState CandidateStateOf(WorkItem item) => item.Assignee is null ? CandidateState.Claimable : CandidateState.Taken;

    private void CloseTask(SqlBatch batch, Guid taskId, TaskState state, bool wasClaimable)
    {
        var t = sql.Tasks;
        batch.Sql($"UPDATE {t.Name} SET {t["State"]} = ").Value(t, "State", state)
            .Sql($", {t["ClosedAt"]} = ").Value(t, "ClosedAt", now)
            .Sql($" WHERE {t["Id"]} = ").Value(t, "Id", taskId).End();
        if (wasClaimable)
        {
            var c = sql.Candidates;
            batch.Sql($"UPDATE {c.Name} SET {c["State"]} = ").Value(c, "State", CandidateState.Taken)
                .Sql($" WHERE {c["TaskId"]} = ").Value(c, "TaskId", taskId).End();
        }
    }

    private void WriteTimers(SqlBatch batch, ProcessInstance instance, InstanceProjection before)
    {
        var t = sql.Timers;
        var armed = before.Timers.ToDictionary(x => x.Id, x => x.Due);
        // An ended instance has nothing left to fire, whatever its state still lists.
        foreach (var job in instance.IsEnded ? [] : instance.Timers)
        {
            if (!armed.Remove(job.Id, out var due))
            {
                batch.Sql($"INSERT INTO {t.Name} ({t["Id"]}, {t["InstanceId"]}, {t["DueAt"]}, {t["Attempts"]}) VALUES (")
                    .Value(t, "Id", job.Id).Sql(", ").Value(t, "InstanceId", instance.Id).Sql(", ").Value(t, "DueAt", job.Due)
                    .Sql(", ").Value(t, "Attempts", 0).Sql(")").End();
            }
            else if (!SameDueTime(due, job.Due))
            {
                // A cycle re-armed with the next due time: a fresh job for the executor (no attempts, lease, back-off or incident).
                batch.Sql($"UPDATE {t.Name} SET {t["DueAt"]} = ").Value(t, "DueAt", job.Due)
                    .Sql($", {t["Attempts"]} = 0, {t["LeaseOwner"]} = NULL, {t["LeaseUntil"]} = NULL, {t["LastError"]} = NULL, " +
                        $"{t["NextAttemptAt"]} = NULL, {t["FailedAt"]} = NULL WHERE {t["Id"]} = ")
                    .Value(t, "Id", job.Id).End();
            }
        }
        foreach (var id in armed.Keys)
        {
            batch.Sql($"DELETE FROM {t.Name} WHERE {t["Id"]} = ").Value(t, "Id", id).End();
        }
    }

    /// <summary>
    /// Whether a stored due time is this due time of the state. PostgreSQL keeps whole microseconds of the engine's
    /// 100 ns ticks, so what it gives back may fall short by a fraction of a microsecond; a re-armed cycle moves by a whole cycle.
    /// </summary>
    internal static bool SameDueTime(DateTimeOffset stored, DateTimeOffset due) =>
        stored.UtcTicks / TimeSpan.TicksPerMicrosecond == due.UtcTicks / TimeSpan.TicksPerMicrosecond;

    private async Task<Engine.Model.FlowNode?> FindNodeAsync(ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        if (!_definitions.TryGetValue((instance.ProcessId, instance.Version), out var definition))
        {
            definition = await definitions.FindAsync(instance.ProcessId, instance.Version, ct).ConfigureAwait(false);
            _definitions[(instance.ProcessId, instance.Version)] = definition;
        }
        var node = definition is not null && item.Node >= 0 && item.Node < definition.Definition.Nodes.Count
            ? definition.Definition.Nodes[item.Node]
            : null;
        // Not the graph the instance runs on: better no name and roles than wrong ones.
        return node is not null && node.Id == item.ElementId ? node : null;
    }
}
