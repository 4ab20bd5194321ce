using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Workflow.Engine.Trace;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// Reads the backward trace (责任倒查) of a case from the ledger: the instance asked for, its callers up to the root and every
/// instance called from there, each stream verified, then handed to <see cref="CaseTraceBuilder"/>.
/// </summary>
/// <param name="contexts">Creates contexts on the ledger's database.</param>
/// <param name="builder">Turns the streams into the trace (knows which duties review and approve).</param>
/// <param name="maxInstances">Most instances one case may have before the walk stops (a guard against a runaway call chain).</param>
public sealed class LedgerTraceReader(IDbContextFactory<WorkflowDbContext> contexts, CaseTraceBuilder builder, int maxInstances = 200)
{
    /// <summary>The trace of the case holding <paramref name="instanceId"/>; null when the ledger has no stream for it.</summary>
    public Task<LedgerTrace?> TraceAsync(Guid instanceId, TraceFilter? filter = null, CancellationToken cancellationToken = default) =>
        TraceAsync([instanceId], filter, cancellationToken);

    /// <summary>The trace of every case holding an instance with <paramref name="businessKey"/>; null when there is none.</summary>
    public async Task<LedgerTrace?> TraceByBusinessKeyAsync(string businessKey, TraceFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessKey);
        var ids = await LedgerQueries.ByBusinessKeyAsync(contexts, businessKey, cancellationToken).ConfigureAwait(false);
        return ids.Count == 0 ? null : await TraceAsync(ids, filter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LedgerTrace?> TraceAsync(IReadOnlyList<Guid> start, TraceFilter? filter, CancellationToken ct)
    {
        var streams = new Dictionary<Guid, IReadOnlyList<HistoryEntry>>();
        var warnings = new List<string>();
        var pending = new Queue<Guid>(start);
        var seen = new HashSet<Guid>(start);
        var indexedParent = new Dictionary<Guid, Guid>();
        while (pending.TryDequeue(out var id))
        {
            if (streams.Count >= maxInstances)
            {
                warnings.Add($"The case has more than {maxInstances} instances: the trace stops there.");
                break;
            }
            var entries = await LedgerQueries.LoadStreamAsync(contexts, id, ct).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                if (!start.Contains(id))
                {
                    warnings.Add($"Instance {id} belongs to the case by the instance index, but the ledger has no entries for it.");
                }
                continue;
            }
            streams[id] = entries;
            var parent = ParentOf(entries);
            if (indexedParent.TryGetValue(id, out var indexed) && parent != indexed)
            {
                // The index is mutable state; the ledger is the record. Say so rather than trace a case the record does not make.
                warnings.Add($"The instance index lists {id} as called by {indexed}, but its ledger names {(parent?.ToString() ?? "no caller")}.");
            }
            // Up: the caller, as the instance's own started entry names it. Down: the instances started by this one.
            if (parent is { } p && seen.Add(p))
            {
                pending.Enqueue(p);
            }
            foreach (var child in await LedgerQueries.ChildrenAsync(contexts, id, ct).ConfigureAwait(false))
            {
                if (seen.Add(child))
                {
                    indexedParent[child] = id;
                    pending.Enqueue(child);
                }
            }
        }
        if (streams.Count == 0)
        {
            return null;
        }
        foreach (var (id, entries) in streams)
        {
            if (ParentOf(entries) is { } parent && !streams.ContainsKey(parent))
            {
                warnings.Add($"Instance {id} names {parent} as its caller, but the ledger has no entries for {parent}.");
            }
        }
        var verification = await new LedgerVerifier(contexts).VerifyStreamsAsync(streams.Keys, ct).ConfigureAwait(false);
        // Callers before the instances they called: one command writes both at the same instant, the caller's lines first.
        var depth = streams.ToDictionary(s => s.Key, s => Depth(s.Key, streams));
        var ordered = streams.OrderBy(s => depth[s.Key]).ThenBy(s => s.Value[0].At).Select(s => new TracedStream(s.Key, s.Value)).ToList();
        var trace = builder.Build(ordered, filter);
        return new LedgerTrace(trace, verification, warnings);
    }

    private static int Depth(Guid id, Dictionary<Guid, IReadOnlyList<HistoryEntry>> streams)
    {
        var depth = 0;
        while (streams.TryGetValue(id, out var entries) && ParentOf(entries) is { } parent && depth < streams.Count)
        {
            (id, depth) = (parent, depth + 1);
        }
        return depth;
    }

    private static Guid? ParentOf(IReadOnlyList<HistoryEntry> entries)
    {
        var started = entries.FirstOrDefault(e => e.Kind == HistoryKinds.Started);
        if (started?.Data is null)
        {
            return null;
        }
        using var data = JsonDocument.Parse(started.Data);
        return data.RootElement.TryGetProperty("parentInstanceId", out var parent) && parent.ValueKind == JsonValueKind.String
            && Guid.TryParse(parent.GetString(), out var id) ? id : null;
    }
}
