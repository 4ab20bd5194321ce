using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Storage;

namespace Workflow.Host.Features.Definitions;

/// <summary>
/// The deployed processes a document's call activities reach, directly or through the processes they call: what a call
/// would start at run time (the latest version of each), and so what a document is checked and simulated against.
/// </summary>
public static class CallTargets
{
    /// <summary>The latest deployed version of every process the document reaches through calls, except its own processes.</summary>
    public static async Task<IReadOnlyList<ProcessDefinition>> ReachableAsync(BpmnDocument document, IDefinitionStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(store);
        var seen = new HashSet<string>(document.Processes.Select(p => p.Id), StringComparer.Ordinal);
        var found = new List<ProcessDefinition>();
        var next = new Queue<ProcessDefinition>(document.Processes);
        while (next.TryDequeue(out var process))
        {
            foreach (var called in process.Nodes.Where(n => n.Kind == NodeKind.CallActivity).Select(n => n.CalledElement!))
            {
                if (seen.Add(called) && await store.FindAsync(called, cancellationToken: ct) is { } deployed)
                {
                    found.Add(deployed.Definition);
                    next.Enqueue(deployed.Definition);
                }
            }
        }
        return found;
    }

    /// <summary>The import result with the call graph checked against the deployed processes (a missing target, a cycle).</summary>
    public static async Task<ImportResult> CheckAsync(ImportResult result, IDefinitionStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Document is null
            ? result
            : result.WithCrossFileErrors(CallGraphCheck.Check(result.Document, await ReachableAsync(result.Document, store, ct)));
    }
}
