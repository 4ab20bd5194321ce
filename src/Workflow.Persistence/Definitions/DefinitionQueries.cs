using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;

namespace Workflow.Persistence.Definitions;

/// <summary>
/// What an administrator reads about deployed definitions before publishing or migrating: the processes and their
/// latest versions, and each version with who published it and how many running instances are still on it.
/// </summary>
/// <param name="contexts">Creates a context per query.</param>
public sealed class DefinitionQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>Every deployed process with its latest version and how many versions it has, by process id.</summary>
    public async Task<IReadOnlyList<ProcessSummary>> ProcessesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.Definitions.AsNoTracking()
            .GroupBy(d => d.ProcessId)
            .Select(g => new { ProcessId = g.Key, Latest = g.Max(d => d.Version), Versions = g.Count() })
            .ToListAsync(cancellationToken);
        return latest.OrderBy(p => p.ProcessId, StringComparer.Ordinal)
            .Select(p => new ProcessSummary(p.ProcessId, p.Latest, p.Versions))
            .ToArray();
    }

    /// <summary>The versions of a process, oldest first; empty when it was never deployed.</summary>
    public async Task<IReadOnlyList<VersionSummary>> VersionsAsync(string processId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId)
            .OrderBy(d => d.Version)
            .Select(d => new { d.Version, d.ContentHash, d.DeployedAt })
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return [];
        }
        var running = await db.Instances.AsNoTracking()
            .Where(i => i.ProcessId == processId && i.Status == InstanceStatus.Running)
            .GroupBy(i => i.Version)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Version, g => g.Count, cancellationToken);
        var publishers = await PublishersAsync(db, processId, cancellationToken);
        return versions.Select(v => new VersionSummary(v.Version, v.ContentHash, v.DeployedAt,
                publishers.GetValueOrDefault(v.Version), running.GetValueOrDefault(v.Version)))
            .ToArray();
    }

    /// <summary>Who published each version: the ledger's <c>definition-published</c> entries, which the versions table does not repeat.</summary>
    private static async Task<Dictionary<int, string>> PublishersAsync(WorkflowDbContext db, string processId, CancellationToken ct)
    {
        var entries = await db.Ledger
            .Where(e => e.InstanceId == Guid.Empty && e.Kind == EfDefinitionStore.DefinitionPublished && e.ElementId == processId)
            .Select(e => new { e.Actor, e.Data })
            .ToListAsync(ct);
        var byVersion = new Dictionary<int, string>();
        foreach (var entry in entries)
        {
            if (entry.Actor is not null && entry.Data is not null && Version(entry.Data) is { } version)
            {
                byVersion[version] = entry.Actor;
            }
        }
        return byVersion;
    }

    private static int? Version(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null; // not ours to judge here: the ledger verifier reports entries that do not hold
        }
    }
}

/// <summary>A deployed process: its latest version and how many versions it has.</summary>
public sealed record ProcessSummary(string ProcessId, int LatestVersion, int Versions);

/// <summary>One version of a process.</summary>
/// <param name="Version">The version number.</param>
/// <param name="ContentHash">The hash of the file it was deployed from.</param>
/// <param name="DeployedAt">When it was deployed.</param>
/// <param name="PublishedBy">Who published it (<c>system</c> for the definitions folder at start-up), from the ledger.</param>
/// <param name="RunningInstances">Instances on this version that have not ended (what a migration would move).</param>
public sealed record VersionSummary(int Version, string ContentHash, DateTimeOffset DeployedAt, string? PublishedBy, int RunningInstances);
