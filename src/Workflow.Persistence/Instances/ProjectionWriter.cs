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
                UpdateTask(batch, instance, item, row, before.BusinessKey);
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
        await WriteAmendmentsAsync(batch, instance, before, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// An amendment waiting for its review is an inbox row of its own (<see cref="TaskKind.Amendment"/>, under the amendment's
    /// id), offered to whoever may review it: the roles and unit of the step that locked what it changes. When it changes
    /// variables locked by several steps, the roles all of them accept and the unit of the first; the review itself checks
    /// every step. Reviewed, the row closes.
    /// </summary>
    private async Task WriteAmendmentsAsync(SqlBatch batch, ProcessInstance instance, InstanceProjection before, CancellationToken ct)
    {
        var waiting = before.PendingAmendments.ToHashSet();
        foreach (var amendment in instance.Amendments ?? [])
        {
            if (amendment.Status == AmendmentStatus.Pending && !waiting.Remove(amendment.Id))
            {
                await InsertAmendmentAsync(batch, instance, amendment, ct).ConfigureAwait(false);
            }
        }
        foreach (var reviewed in waiting)
        {
            CloseTask(batch, reviewed, TaskState.Closed, wasClaimable: true);
        }
    }

    private async Task InsertAmendmentAsync(SqlBatch batch, ProcessInstance instance, Amendment amendment, CancellationToken ct)
    {
        var locks = amendment.Changes.Select(c => instance.Locks?.GetValueOrDefault(c.Name)).OfType<FieldLock>().ToList();
        var first = locks.FirstOrDefault();
        IEnumerable<string>? roles = null;
        foreach (var locked in locks.Where(l => l.Roles is not null))
        {
            roles = roles is null ? locked.Roles! : roles.Intersect(locked.Roles!, StringComparer.Ordinal);
        }
        var step = first is null ? null : (await DefinitionAsync(instance, ct).ConfigureAwait(false))?.Definition.Nodes.FirstOrDefault(n => n.Id == first.ElementId);
        InsertRow(batch, instance, new OpenRow(amendment.Id, first?.ElementId ?? "", step?.Name, TaskKind.Amendment, first?.Unit, null, null, amendment.ProposedAt, null));
        InsertCandidates(batch, amendment.Id, roles?.ToArray() ?? [], CandidateState.Claimable, first?.Unit, null);
    }

    private static readonly InstanceProjection Empty = new(0, null, [], []);

    private async Task InsertTaskAsync(SqlBatch batch, ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        var node = await FindNodeAsync(instance, item, ct).ConfigureAwait(false);
        InsertRow(batch, instance, new OpenRow(item.Id, item.ElementId, node?.Name, TaskKind.Task, item.Unit, item.Assignee, item.Offer?.To, item.CreatedAt, item.DueAt));
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

    /// <summary>The columns of a new open row that differ between a task and an amendment waiting for review.</summary>
    private sealed record OpenRow(Guid Id, string ElementId, string? Name, TaskKind Kind, string? Unit, string? Assignee, string? OfferedTo,
        DateTimeOffset CreatedAt, DateTimeOffset? DueAt);

    private void InsertRow(SqlBatch batch, ProcessInstance instance, OpenRow row)
    {
        var t = sql.Tasks;
        batch.Sql($"INSERT INTO {t.Name} ({t["Id"]}, {t["InstanceId"]}, {t["ProcessId"]}, {t["ElementId"]}, {t["Name"]}, {t["Kind"]}, {t["State"]}, {t["Unit"]}, " +
                $"{t["Assignee"]}, {t["OfferedTo"]}, {t["BusinessKey"]}, {t["Priority"]}, {t["CreatedAt"]}, {t["DueAt"]}) VALUES (")
            .Value(t, "Id", row.Id).Sql(", ").Value(t, "InstanceId", instance.Id).Sql(", ").Value(t, "ProcessId", instance.ProcessId)
            .Sql(", ").Value(t, "ElementId", row.ElementId).Sql(", ").Value(t, "Name", row.Name).Sql(", ").Value(t, "Kind", row.Kind)
            .Sql(", ").Value(t, "State", TaskState.Open).Sql(", ").Value(t, "Unit", row.Unit).Sql(", ").Value(t, "Assignee", row.Assignee)
            .Sql(", ").Value(t, "OfferedTo", row.OfferedTo).Sql(", ").Value(t, "BusinessKey", instance.BusinessKey).Sql(", ").Value(t, "Priority", 0)
            .Sql(", ").Value(t, "CreatedAt", row.CreatedAt).Sql(", ").Value(t, "DueAt", row.DueAt).Sql(")").End();
    }

    private void InsertCandidates(SqlBatch batch, WorkItem item, Engine.Model.FlowNode? node) =>
        InsertCandidates(batch, item.Id, node?.Task.Roles ?? [], CandidateStateOf(item), item.Unit, item.DueAt);

    private void InsertCandidates(SqlBatch batch, Guid taskId, IEnumerable<string> candidateRoles, CandidateState state, string? unit, DateTimeOffset? dueAt)
    {
        var roles = candidateRoles.Distinct(StringComparer.Ordinal).ToArray();
        if (roles.Length == 0)
        {
            return;
        }
        var c = sql.Candidates;
        batch.Sql($"INSERT INTO {c.Name} ({c["TaskId"]}, {c["Role"]}, {c["State"]}, {c["Unit"]}, {c["DueAt"]}) VALUES ");
        for (var i = 0; i < roles.Length; i++)
        {
            batch.Sql(i == 0 ? "(" : ", (").Value(c, "TaskId", taskId).Sql(", ").Value(c, "Role", roles[i])
                .Sql(", ").Value(c, "State", state).Sql(", ").Value(c, "Unit", unit).Sql(", ").Value(c, "DueAt", dueAt).Sql(")");
        }
        batch.End();
    }

    /// <summary>
    /// Writes the columns of an open row that changed since the load, and of its candidate rows: a column written again with
    /// its old value still costs a delete and an insert in each index on it.
    /// </summary>
    private void UpdateTask(SqlBatch batch, ProcessInstance instance, WorkItem item, ProjectedTask before, string? businessKeyBefore)
    {
        var t = sql.Tasks;
        batch.Sql($"UPDATE {t.Name} SET ");
        SetMutable(batch, instance, item, before, businessKeyBefore);
        batch.Sql($" WHERE {t["Id"]} = ").Value(t, "Id", item.Id).End();
        var state = CandidateStateOf(item);
        if (state != CandidateStateOf(before.Assignee) || before.Unit != item.Unit || before.DueAt != item.DueAt)
        {
            var c = sql.Candidates;
            batch.Sql($"UPDATE {c.Name} SET ");
            new SetList(batch, c)
                .Add("State", state, state != CandidateStateOf(before.Assignee))
                .Add("Unit", item.Unit, before.Unit != item.Unit)
                .Add("DueAt", item.DueAt, before.DueAt != item.DueAt);
            batch.Sql($" WHERE {c["TaskId"]} = ").Value(c, "TaskId", item.Id).End();
        }
    }

    /// <summary>
    /// Appends, as a SET list, the columns a claim, unclaim, handover offer, transfer or new due time changes: all of them, or
    /// with <paramref name="before"/> only those that differ from it.
    /// </summary>
    private void SetMutable(SqlBatch batch, ProcessInstance instance, WorkItem item, ProjectedTask? before = null, string? businessKeyBefore = null)
    {
        new SetList(batch, sql.Tasks)
            .Add("Assignee", item.Assignee, before is null || before.Assignee != item.Assignee)
            .Add("OfferedTo", item.Offer?.To, before is null || before.OfferedTo != item.Offer?.To)
            .Add("Unit", item.Unit, before is null || before.Unit != item.Unit)
            .Add("DueAt", item.DueAt, before is null || before.DueAt != item.DueAt)
            .Add("BusinessKey", instance.BusinessKey, before is null || businessKeyBefore != instance.BusinessKey);
    }

    private static CandidateState CandidateStateOf(WorkItem item) => CandidateStateOf(item.Assignee);

    private static CandidateState CandidateStateOf(string? assignee) => assignee is null ? CandidateState.Claimable : CandidateState.Taken;

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

    private async Task<DeployedDefinition?> DefinitionAsync(ProcessInstance instance, CancellationToken ct)
    {
        if (!_definitions.TryGetValue((instance.ProcessId, instance.Version), out var definition))
        {
            definition = await definitions.FindAsync(instance.ProcessId, instance.Version, ct).ConfigureAwait(false);
            _definitions[(instance.ProcessId, instance.Version)] = definition;
        }
        return definition;
    }

    private async Task<Engine.Model.FlowNode?> FindNodeAsync(ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        var definition = await DefinitionAsync(instance, ct).ConfigureAwait(false);
        var node = definition is not null && item.Node >= 0 && item.Node < definition.Definition.Nodes.Count
            ? definition.Definition.Nodes[item.Node]
            : null;
        // Not the graph the instance runs on: better no name and roles than wrong ones.
        return node is not null && node.Id == item.ElementId ? node : null;
    }
}
