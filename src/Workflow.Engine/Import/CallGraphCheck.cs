using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>
/// Checks a set of documents deployed together: every call activity must find its process, and no
/// process may call itself, directly or through others (each run would start another without end).
/// </summary>
public static class CallGraphCheck
{
    /// <summary>Returns the errors for <paramref name="checkedDocument"/>, resolving targets among <paramref name="available"/>.</summary>
    public static IReadOnlyList<BpmnDiagnostic> Check(BpmnDocument checkedDocument, IEnumerable<ProcessDefinition> available)
    {
        var byId = new Dictionary<string, ProcessDefinition>(StringComparer.Ordinal);
        foreach (var p in available.Concat(checkedDocument.Processes))
        {
            byId.TryAdd(p.Id, p);
        }
        foreach (var p in checkedDocument.Processes)
        {
            byId[p.Id] = p; // the checked file's own processes win over namesakes elsewhere
        }
        var errors = new List<BpmnDiagnostic>();
        foreach (var process in checkedDocument.Processes)
        {
            foreach (var call in process.Nodes.Where(n => n.Kind == NodeKind.CallActivity))
            {
                if (!byId.ContainsKey(call.CalledElement!))
                {
                    errors.Add(new BpmnDiagnostic(DiagnosticCodes.CallTargetMissing,
                        $"called process '{call.CalledElement}' is neither in this file nor among the definitions deployed with it",
                        "callActivity", call.Id, call.Line));
                }
                else if (FindPath(byId, call.CalledElement!, process.Id) is { } path)
                {
                    errors.Add(new BpmnDiagnostic(DiagnosticCodes.CallCycle,
                        $"process calls itself ({process.Id} -> {string.Join(" -> ", path)}); each run would start another without end",
                        "callActivity", call.Id, call.Line));
                }
            }
        }
        return errors;
    }

    private static List<string>? FindPath(Dictionary<string, ProcessDefinition> byId, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<List<string>>();
        stack.Push([from]);
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var last = path[^1];
            if (last == to)
            {
                return path;
            }
            if (!seen.Add(last) || !byId.TryGetValue(last, out var process))
            {
                continue;
            }
            foreach (var call in process.Nodes.Where(n => n.Kind == NodeKind.CallActivity))
            {
                stack.Push([.. path, call.CalledElement!]);
            }
        }
        return null;
    }
}
