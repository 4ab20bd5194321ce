using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>
/// Finds parallel joins fed by branches that are alternatives of one another: two outcomes of one
/// exclusive or event-based gateway, or an activity and its own boundary event. Such a join waits
/// forever for the branch that was not taken, so the model is refused rather than left to deadlock.
/// </summary>
internal static class JoinCheck
{
    public static void Check(Diagnostics diagnostics, List<FlowNode> nodes, List<XElement> elements, SequenceFlow[] flows)
    {
        foreach (var join in nodes.Where(n => n.Kind == NodeKind.ParallelGateway && n.Incoming.Length > 1))
        {
            var branches = join.Incoming.Select(f => Trace(nodes, flows, f)).ToList();
            for (var i = 0; i < branches.Count; i++)
            {
                for (var j = i + 1; j < branches.Count; j++)
                {
                    if (Conflict(nodes, branches[i], branches[j]) is { } why)
                    {
                        diagnostics.Error(DiagnosticCodes.JoinDeadlock,
                            $"parallel join waits for flows '{flows[join.Incoming[i]].Id}' and '{flows[join.Incoming[j]].Id}', but {why}: it would wait forever; use an exclusive gateway to merge",
                            elements[join.Index]);
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Walks back along a straight chain (one way in, one way out) to where the branch began.</summary>
    private static (int Origin, HashSet<int> Chain) Trace(List<FlowNode> nodes, SequenceFlow[] flows, int flow)
    {
        var chain = new HashSet<int>();
        var n = flows[flow].Source;
        while (chain.Add(n))
        {
            var node = nodes[n];
            var isGateway = node.Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway;
            if (isGateway || node.Kind == NodeKind.BoundaryEvent || node.Incoming.Length != 1 || node.Outgoing.Length != 1)
            {
                return (n, chain);
            }
            n = flows[node.Incoming[0]].Source;
        }
        return (n, chain); // a loop of single steps: stop where it closes
    }

    private static string? Conflict(List<FlowNode> nodes, (int Origin, HashSet<int> Chain) a, (int Origin, HashSet<int> Chain) b)
    {
        var origin = nodes[a.Origin];
        if (a.Origin == b.Origin && origin.Kind is NodeKind.ExclusiveGateway or NodeKind.EventBasedGateway)
        {
            return $"both come from {origin.Kind} '{origin.Id}', which takes only one of them";
        }
        return Boundary(nodes, a, b) ?? Boundary(nodes, b, a);
    }

    private static string? Boundary(List<FlowNode> nodes, (int Origin, HashSet<int> Chain) a, (int Origin, HashSet<int> Chain) b)
    {
        var boundary = nodes[a.Origin];
        if (boundary.Kind != NodeKind.BoundaryEvent || !b.Chain.Contains(boundary.AttachedTo))
        {
            return null;
        }
        var host = nodes[boundary.AttachedTo].Id;
        return boundary.CancelActivity
            ? $"one comes from the interrupting boundary event '{boundary.Id}', which cancels '{host}' that the other comes from"
            : $"one comes from the boundary event '{boundary.Id}', which may never fire when '{host}' completes first";
    }
}
