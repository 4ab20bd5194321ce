using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tasks;

namespace Workflow.Persistence.Instances;

/// <summary>
/// Which cases a person takes part in: what the host's read scope for unit-scoped people rests on (DOMAIN §2). A case is
/// the tree of instances that <c>parent_instance_id</c> links — an incident and the cases it called — from its root down;
/// a person takes part in it when, on any of its instances, they are named in the ledger (actor, or the person acted for),
/// hold or held one of its tasks, have an open task offered to them, when one of its tasks (open or closed) belongs to
/// their unit or someone of their unit acted on it (the ledger's unit), or when an open task that any unit may claim is
/// claimable through one of their roles (it is in their inbox).
/// Two queries whatever the number of instances or tasks: the trees (one recursive statement), then the matches.
/// </summary>
/// <param name="contexts">Creates a context per call.</param>
public sealed class CaseQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>Deepest call chain followed up or down (a guard against a damaged parent link that loops).</summary>
    public const int MaxDepth = 16;

    /// <summary>The instances among <paramref name="instanceIds"/> whose case <paramref name="reader"/> takes part in.</summary>
    public async Task<IReadOnlySet<Guid>> InvolvingAsync(IReadOnlyCollection<Guid> instanceIds, CaseReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        ArgumentNullException.ThrowIfNull(reader);
        if (instanceIds.Count == 0)
        {
            return new HashSet<Guid>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var parents = await TreesAsync(db, instanceIds, cancellationToken).ConfigureAwait(false);
        // An id the walk did not reach (unknown, or above the depth guard) is a case of its own.
        foreach (var id in instanceIds)
        {
            parents.TryAdd(id, null);
        }
        var involved = await MatchesAsync(db, parents.Keys.ToArray(), reader, cancellationToken).ConfigureAwait(false);
        var cases = involved.Select(id => RootOf(id, parents)).ToHashSet();
        return instanceIds.Where(id => cases.Contains(RootOf(id, parents))).ToHashSet();
    }

    private static Guid RootOf(Guid id, Dictionary<Guid, Guid?> parents)
    {
        for (var depth = 0; depth <= 2 * MaxDepth && parents.TryGetValue(id, out var parent) && parent is { } p && parents.ContainsKey(p); depth++)
        {
            id = p;
        }
        return id;
    }

    /// <summary>
    /// Every instance of the cases holding <paramref name="ids"/>, with its parent: up from each id to its root (the
    /// instance without a parent, or whose parent is gone), then down from the roots. One recursive statement, which
    /// SQLite, PostgreSQL and SQL Server all run (SQL Server without the RECURSIVE keyword).
    /// </summary>
    private static async Task<Dictionary<Guid, Guid?>> TreesAsync(WorkflowDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var i = StoreSql.For(db).Instances;
        var (id, parent) = (i["Id"], i["ParentInstanceId"]);
        var recursive = db.Database.ProviderName?.EndsWith(".SqlServer", StringComparison.Ordinal) == true ? "" : "RECURSIVE ";
        var query = new SqlBatch(db).Sql($"WITH {recursive}up (id, parent, depth) AS (SELECT i.{id}, i.{parent}, 0 FROM {i.Name} i WHERE i.{id} IN (");
        var first = true;
        foreach (var instanceId in ids)
        {
            query.Sql(first ? "" : ", ").Value(i, "Id", instanceId);
            first = false;
        }
        query.Sql($") UNION ALL SELECT i.{id}, i.{parent}, up.depth + 1 FROM {i.Name} i JOIN up ON i.{id} = up.parent WHERE up.depth < {MaxDepth}), "
            + $"down (id, parent, depth) AS (SELECT up.id, up.parent, 0 FROM up WHERE up.parent IS NULL OR NOT EXISTS (SELECT 1 FROM {i.Name} p WHERE p.{id} = up.parent) "
            + $"UNION ALL SELECT i.{id}, i.{parent}, down.depth + 1 FROM {i.Name} i JOIN down ON i.{parent} = down.id WHERE down.depth < {MaxDepth}) "
            + "SELECT DISTINCT id, parent FROM down");
        return await query.QueryAsync(async reader =>
        {
            var parents = new Dictionary<Guid, Guid?>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                parents[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
            }
            return parents;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The instances among <paramref name="ids"/> on which the reader is named: one UNION of index lookups by instance
    /// (the ledger's <c>(instance_id, seq)</c>, the tasks' <c>(instance_id, state)</c>).
    /// </summary>
    private static async Task<List<Guid>> MatchesAsync(WorkflowDbContext db, Guid[] ids, CaseReader reader, CancellationToken ct)
    {
        var user = reader.UserId;
        var tasks = db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId));
        var matches = db.Ledger.AsNoTracking().Where(l => ids.Contains(l.InstanceId) && (l.Actor == user || l.ActingFor == user)).Select(l => l.InstanceId)
            .Union(tasks.Where(t => t.Assignee == user || (t.State == TaskState.Open && t.OfferedTo == user)).Select(t => t.InstanceId));
        if (reader.Unit is { Length: > 0 } unit)
        {
            // The unit's work: a task in the unit, or a step someone of the unit took (the ledger keeps the actor's unit). So
            // a call-taker reads an incident a colleague of the command centre registered, to recognise a repeated call.
            matches = matches.Union(tasks.Where(t => t.Unit == unit).Select(t => t.InstanceId))
                .Union(db.Ledger.AsNoTracking().Where(l => ids.Contains(l.InstanceId) && l.Unit == unit).Select(l => l.InstanceId));
        }
        var roles = reader.Roles.Distinct(StringComparer.Ordinal).ToArray();
        if (roles.Length > 0)
        {
            // An open task of no unit that the reader may claim is in their inbox already: they must be able to read its case.
            matches = matches.Union(tasks.Where(t => t.State == TaskState.Open && t.Assignee == null && t.Unit == null
                && db.TaskCandidates.Any(c => c.TaskId == t.Id && c.State == CandidateState.Claimable && roles.Contains(c.Role))).Select(t => t.InstanceId));
        }
        return await matches.ToListAsync(ct).ConfigureAwait(false);
    }
}
