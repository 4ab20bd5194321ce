using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Tasks;

/// <summary>Inbox queries over the <c>tasks</c> table (never the instance state).</summary>
/// <param name="contexts">Creates a context per query.</param>
public sealed class TaskQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>One page of a user's inbox, with the total count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Skip is negative, or take is not 1 to <see cref="TaskQuery.MaxTake"/>.</exception>
    public async Task<TaskPage> FindAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, TaskQuery.MaxTake);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sources = Filtered(db, query);
        var tasks = Inbox(db, query, sources);
        var total = await CountAsync(query, sources, tasks, cancellationToken);
        if (total <= query.Skip)
        {
            return new TaskPage([], total);
        }
        var ordered = query.Sort == TaskSort.CreatedAt
            ? tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            : tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
        var rows = await ordered.Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToArray();
        var candidates = (await db.TaskCandidates.AsNoTracking()
                .Where(c => ids.Contains(c.TaskId))
                .Select(c => new { c.TaskId, c.Role })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.TaskId, c => c.Role);
        var items = rows.Select(r => new TaskSummary(
            r.Id, r.InstanceId, r.ProcessId, r.ElementId, r.Name, r.State,
            candidates[r.Id].Order(StringComparer.Ordinal).ToArray(),
            r.Unit, r.Assignee, r.OfferedTo, r.BusinessKey, r.Priority, r.CreatedAt, r.DueAt, r.ClosedAt, r.Kind)).ToArray();
        return new TaskPage(items, total);
    }

    /// <summary>
    /// The inbox's size. Claimable tasks are counted on their candidate rows alone (an index-only count of distinct task
    /// ids): a candidate row is claimable exactly while its task is open and unassigned, and it carries the task's unit
    /// and due time, so the tasks themselves need not be visited — unless a filter needs their other columns.
    /// </summary>
    private static async Task<int> CountAsync(TaskQuery query, Sources sources, IQueryable<TaskRow> inbox, CancellationToken ct)
    {
        if (sources.Roles.Length == 0 || query.IncludeClosed || query.ProcessId is not null || query.BusinessKey is not null)
        {
            return await inbox.CountAsync(ct);
        }
        return await Mine(sources.Tasks, query.UserId).CountAsync(ct) + await ClaimableIds(sources.Candidates, query.Unit).Distinct().CountAsync(ct);
    }

    /// <summary>The task rows and the claimable candidate rows the query's filters leave; the inbox and its count draw on both.</summary>
    private sealed record Sources(IQueryable<TaskRow> Tasks, IQueryable<TaskCandidateRow> Candidates, string[] Roles);

    private static Sources Filtered(WorkflowDbContext db, TaskQuery query)
    {
        var tasks = db.Tasks.AsNoTracking();
        if (!query.IncludeClosed)
        {
            tasks = tasks.Where(t => t.State == TaskState.Open);
        }
        if (query.ProcessId is { } processId)
        {
            tasks = tasks.Where(t => t.ProcessId == processId);
        }
        if (query.BusinessKey is { } businessKey)
        {
            tasks = tasks.Where(t => t.BusinessKey == businessKey);
        }
        var roles = query.Roles.Distinct(StringComparer.Ordinal).ToArray();
        // A candidate row carries its task's due time, so the due filters apply to both.
        var candidates = db.TaskCandidates.AsNoTracking().Where(c => c.State == CandidateState.Claimable && roles.Contains(c.Role));
        if (query.DueBefore is { } dueBefore)
        {
            tasks = tasks.Where(t => t.DueAt < dueBefore);
            candidates = candidates.Where(c => c.DueAt < dueBefore);
        }
        if (query.OverdueAt is { } now)
        {
            tasks = tasks.Where(t => t.DueAt <= now);
            candidates = candidates.Where(c => c.DueAt <= now);
        }
        return new Sources(tasks, candidates, roles);
    }

    /// <summary>Tasks assigned to the user, and tasks offered to them in a handover (disjoint: an offer goes to someone else).</summary>
    private static IQueryable<TaskRow> Mine(IQueryable<TaskRow> tasks, string userId) =>
        tasks.Where(t => t.Assignee == userId).Concat(tasks.Where(t => t.State == TaskState.Open && t.OfferedTo == userId));

    /// <summary>
    /// The ids of the tasks claimable through <paramref name="candidates"/> in <paramref name="unit"/> or in any unit.
    /// "My unit" and "any unit" are two index ranges (UNION ALL), not one OR: with the OR, PostgreSQL filters the whole
    /// role range, misjudges how many rows come out and hashes every open task instead of looking the few up by key.
    /// </summary>
    private static IQueryable<Guid> ClaimableIds(IQueryable<TaskCandidateRow> candidates, string? unit)
    {
        var anyUnit = candidates.Where(c => c.Unit == null).Select(c => c.TaskId);
        return unit is null ? anyUnit : candidates.Where(c => c.Unit == unit).Select(c => c.TaskId).Concat(anyUnit);
    }

    /// <summary>
    /// "Assigned to me" UNION ALL "offered to me" UNION ALL "claimable by me": disjoint branches (assignee = me; assignee
    /// is someone else who offers it to me; assignee is null), each of which an index answers — (state, assignee, due_at),
    /// the partial offered_to index, the claimable candidate rows (claimable, role, unit, due_at, task_id) — where one OR
    /// across them would scan every open task.
    /// </summary>
    private static IQueryable<TaskRow> Inbox(WorkflowDbContext db, TaskQuery query, Sources sources)
    {
        var (tasks, candidates, roles) = sources;
        var mine = Mine(tasks, query.UserId);
        if (roles.Length == 0)
        {
            return mine;
        }
        // Driven from the claimable candidate rows, then the tasks by key.
        var claimableIds = ClaimableIds(candidates, query.Unit);
        var claimable = tasks.Where(t => t.State == TaskState.Open && t.Assignee == null && claimableIds.Contains(t.Id));
        if (!query.IncludeClosed)
        {
            return mine.Concat(claimable);
        }
        // Closed tasks nobody held (withdrawn by a timer, cancelled) that the user could have claimed: an explicit
        // look into the past, so the slower probe of the task's candidate roles is acceptable here.
        var closed = tasks.Where(t => t.State != TaskState.Open && t.Assignee == null
            && (t.Unit == null || t.Unit == query.Unit)
            && db.TaskCandidates.Any(c => c.TaskId == t.Id && roles.Contains(c.Role)));
        return mine.Concat(claimable).Concat(closed);
    }
}
