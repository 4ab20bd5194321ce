using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Persistence.Instances;

/// <summary>
/// The instances an incident stops (a failed expression, no matching flow, a call that failed), found through the
/// <c>open_incidents</c> column each save keeps, so that an administrator sees every stopped instance without reading
/// every state.
/// </summary>
/// <param name="contexts">Creates a context per query.</param>
public sealed class IncidentCounts(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>Instances counted per round of <see cref="BackfillAsync"/>.</summary>
    private const int BackfillBatch = 200;

    /// <summary>Most rows one page may ask for.</summary>
    public const int MaxTake = 500;

    /// <summary>Stopped instances, those stopped longest first by start time, with the total.</summary>
    public async Task<StoppedPage> FindAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stopped = db.Instances.AsNoTracking().Where(i => i.OpenIncidents > 0);
        var total = await stopped.CountAsync(cancellationToken);
        var rows = await stopped.OrderBy(i => i.StartedAt).ThenBy(i => i.Id).Skip(skip).Take(take)
            .Select(i => new StoppedInstance(i.Id, i.ProcessId, i.Version, i.BusinessKey, i.StartedAt, i.OpenIncidents!.Value))
            .ToListAsync(cancellationToken);
        return new StoppedPage(rows, total);
    }

    /// <summary>
    /// Counts the incidents of running instances saved before the column existed (null), reading each state once; ended ones
    /// were set to 0 by the migration. Safe beside running commands and other hosts: a row is set only while it is still
    /// null, and every save writes the count itself.
    /// </summary>
    /// <returns>How many instances were counted.</returns>
    public async Task<int> BackfillAsync(IInstanceStore instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var counted = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Keyset paging by id: an instance that cannot be read stays null and must not be asked for again.
            var ids = await db.Instances.AsNoTracking()
                .Where(i => i.OpenIncidents == null && i.Status == InstanceStatus.Running && i.Id.CompareTo(after) > 0)
                .OrderBy(i => i.Id).Select(i => i.Id).Take(BackfillBatch)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return counted;
            }
            foreach (var id in ids)
            {
                if (await instances.LoadAsync(id, cancellationToken) is { } stored)
                {
                    var open = InstanceProjection.OpenIncidentsOf(stored.Instance);
                    counted += await db.Instances.Where(i => i.Id == id && i.OpenIncidents == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(i => i.OpenIncidents, open), cancellationToken);
                }
            }
            after = ids[^1];
        }
    }
}

/// <summary>A page of stopped instances and how many there are in all.</summary>
public sealed record StoppedPage(IReadOnlyList<StoppedInstance> Items, int Total);

/// <summary>An instance that an incident stops.</summary>
public sealed record StoppedInstance(Guid Id, string ProcessId, int Version, string? BusinessKey, DateTimeOffset StartedAt, int OpenIncidents);
