using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Workflow.Engine.Trace;

namespace Workflow.Persistence.Ledger;

/// <summary>
/// Reads the backward trace (责任倒查) of a case from the ledger: the instance asked for, its callers up to the root and every
/// instance called from there, each stream verified, then handed to <see cref="CaseTraceBuilder"/>. The case is assembled from
/// the ledger alone (a called instance's <c>started</c> entry names its caller; the caller's <c>called</c> entry names it); the
/// instance index is only checked against it.
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
        var calls = new List<(Guid Caller, Guid Called)>();
        var empty = new HashSet<Guid>();
        var indexed = new List<(Guid Caller, Guid Called)>();
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
                empty.Add(id);
                continue;
            }
            streams[id] = entries;
            var parent = ParentOf(entries);
            // Up: the caller, as the instance's own started entry names it. Down: the instances its called entries name.
            if (parent is { } p && seen.Add(p))
            {
                pending.Enqueue(p);
            }
            var called = CalledOf(entries);
            foreach (var child in called)
            {
                calls.Add((id, child));
                if (seen.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
            indexed.AddRange((await LedgerQueries.ChildrenAsync(contexts, id, ct).ConfigureAwait(false)).Select(child => (id, child)));
        }
        if (streams.Count == 0)
        {
            return null;
        }
        // Both ends of every call are in the record: the caller's called entry and the called instance's started entry must agree.
        foreach (var (caller, called) in calls)
        {
            if (streams.TryGetValue(called, out var entries) && ParentOf(entries) != caller)
            {
                warnings.Add($"The ledger of {caller} records calling {called}, but the ledger of {called} names {(ParentOf(entries)?.ToString() ?? "no caller")}.");
            }
            else if (empty.Contains(called))
            {
                warnings.Add($"The ledger of {caller} records calling {called}, but the ledger has no entries for {called}.");
            }
        }
        foreach (var (id, entries) in streams)
        {
            if (ParentOf(entries) is { } caller && streams.ContainsKey(caller) && !calls.Contains((caller, id)))
            {
                warnings.Add($"The ledger of {id} names {caller} as its caller, but the ledger of {caller} records no such call.");
            }
        }
        CrossCheckIndex(streams, calls, indexed, warnings);
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

    /// <summary>
    /// The instance index is mutable state and the ledger is the record: the trace follows the ledger, and says where the index
    /// disagrees. An instance only the index lists as called is left out of the trace.
    /// </summary>
    private static void CrossCheckIndex(Dictionary<Guid, IReadOnlyList<HistoryEntry>> streams, List<(Guid Caller, Guid Called)> calls,
        List<(Guid Caller, Guid Called)> indexed, List<string> warnings)
    {
        foreach (var (caller, child) in indexed.Except(calls))
        {
            if (!streams.TryGetValue(child, out var entries))
            {
                warnings.Add($"The instance index lists {child} as called by {caller}, but the ledger of {caller} records no such call: the trace leaves {child} out.");
            }
            else if (ParentOf(entries) != caller)
            {
                // When the called instance's own ledger names the caller, the check of the ledger's two ends has said so already.
                warnings.Add($"The instance index lists {child} as called by {caller}, but neither ledger records that call.");
            }
        }
        foreach (var (caller, child) in calls.Except(indexed))
        {
            warnings.Add($"The ledger of {caller} records calling {child}, but the instance index does not list {child} as called by {caller}.");
        }
    }

    /// <summary>The instances the stream's <c>called</c> entries name, in the order they were called.</summary>
    private static List<Guid> CalledOf(IReadOnlyList<HistoryEntry> entries)
    {
        var called = new List<Guid>();
        foreach (var entry in entries.Where(e => e.Kind == HistoryKinds.Called && e.Data is not null))
        {
            if (Property(entry.Data!, "calledInstanceId") is { } id && !called.Contains(id))
            {
                called.Add(id);
            }
        }
        return called;
    }

    private static Guid? ParentOf(IReadOnlyList<HistoryEntry> entries)
    {
        var started = entries.FirstOrDefault(e => e.Kind == HistoryKinds.Started);
        return started?.Data is null ? null : Property(started.Data, "parentInstanceId");
    }

    /// <summary>A Guid property of an entry's JSON details; null when missing or not a Guid (a damaged entry is for the verifier to report).</summary>
    private static Guid? Property(string json, string name)
    {
        try
        {
            using var data = JsonDocument.Parse(json);
            return data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
