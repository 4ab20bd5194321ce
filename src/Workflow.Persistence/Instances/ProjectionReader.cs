using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Reads back what was projected for an instance, for a save that did not bring the projection it loaded
/// (<see cref="InstanceChange.Loaded"/> is null): a caller that built its changes by hand.
/// </summary>
internal static class ProjectionReader
{
    public static async Task<InstanceProjection> ReadAsync(WorkflowDbContext db, Guid instanceId, CancellationToken ct)
    {
        var open = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.State == TaskState.Open).ToListAsync(ct).ConfigureAwait(false);
        var tasks = open.Where(t => t.Kind == TaskKind.Task)
            .Select(t => new ProjectedTask(t.Id, t.ElementId, t.Assignee, t.Unit, t.DueAt) { OfferedTo = t.OfferedTo }).ToList();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId)
            .Select(t => new ProjectedTimer(t.Id, t.DueAt)).ToListAsync(ct).ConfigureAwait(false);
        // The instance row already holds this save's values, so the version and key the rows were projected with
        // are unknown: version -1 has every open row projected afresh.
        return new InstanceProjection(-1, null, tasks, timers) { PendingAmendments = [.. open.Where(t => t.Kind == TaskKind.Amendment).Select(t => t.Id)] };
    }
}
