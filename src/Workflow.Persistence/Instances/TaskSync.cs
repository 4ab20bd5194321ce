using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Brings the <c>tasks</c> rows of one instance in line with its open work items, inside the save's
/// transaction: new items become open rows, changed ones are updated, vanished ones are closed.
/// </summary>
internal sealed class TaskSync(WorkflowDbContext db, IDefinitionStore definitions, DateTimeOffset now)
{
    private readonly Dictionary<(string, int), DeployedDefinition?> _definitions = [];

    public async Task SyncAsync(ProcessInstance instance, bool isNew, CancellationToken ct)
    {
        var open = isNew
            ? []
            : await db.Tasks.Where(t => t.InstanceId == instance.Id && t.State == TaskState.Open).ToDictionaryAsync(t => t.Id, ct);
        foreach (var item in instance.Tasks)
        {
            if (open.Remove(item.Id, out var row))
            {
                Update(row, instance, item);
            }
            else
            {
                db.Tasks.Add(await NewRowAsync(instance, item, ct));
            }
        }
        // The state cannot tell a completed task from one withdrawn by a boundary event; a cancelled or
        // failed instance is the one case where it is clear that nobody completed it.
        var closedAs = instance.Status is InstanceStatus.Cancelled or InstanceStatus.Failed ? TaskState.Cancelled : TaskState.Closed;
        foreach (var row in open.Values)
        {
            row.State = closedAs;
            row.ClosedAt = now;
        }
    }

    private static void Update(TaskRow row, ProcessInstance instance, WorkItem item)
    {
        // Assigning an unchanged value leaves the entity unmodified: only real changes are written.
        row.Assignee = item.Assignee;
        row.Unit = item.Unit;
        row.DueAt = item.DueAt;
        row.BusinessKey = instance.BusinessKey;
    }

    private async Task<TaskRow> NewRowAsync(ProcessInstance instance, WorkItem item, CancellationToken ct)
    {
        var definition = await FindDefinitionAsync(instance.ProcessId, instance.Version, ct);
        var node = definition is not null && item.Node >= 0 && item.Node < definition.Definition.Nodes.Count
            ? definition.Definition.Nodes[item.Node]
            : null;
        if (node is not null && node.Id != item.ElementId)
        {
            node = null; // not the graph the instance runs on: better no roles than wrong ones
        }
        var row = new TaskRow
        {
            Id = item.Id,
            InstanceId = instance.Id,
            ProcessId = instance.ProcessId,
            ElementId = item.ElementId,
            Name = node?.Name,
            State = TaskState.Open,
            Unit = item.Unit,
            Assignee = item.Assignee,
            BusinessKey = instance.BusinessKey,
            CreatedAt = item.CreatedAt,
            DueAt = item.DueAt,
        };
        if (node is not null)
        {
            foreach (var role in node.Task.Roles.Distinct(StringComparer.Ordinal))
            {
                row.Candidates.Add(new TaskCandidateRow { TaskId = item.Id, Role = role });
            }
        }
        return row;
    }

    private async Task<DeployedDefinition?> FindDefinitionAsync(string processId, int version, CancellationToken ct)
    {
        if (!_definitions.TryGetValue((processId, version), out var definition))
        {
            definition = await definitions.FindAsync(processId, version, ct);
            _definitions[(processId, version)] = definition;
        }
        return definition;
    }
}
