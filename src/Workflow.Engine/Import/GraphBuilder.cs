using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>Links nodes to their flows and checks the structure: starts, ends, defaults, reachability.</summary>
internal sealed class GraphBuilder(Diagnostics diagnostics, List<FlowNode> nodes, List<XElement> elements, SequenceFlow[] flows)
{
    /// <summary>Links the graph; returns the process start node index, or -1 when there is none.</summary>
    public int Link(XElement process)
    {
        var incoming = nodes.Select(_ => new List<int>()).ToArray();
        var outgoing = nodes.Select(_ => new List<int>()).ToArray();
        foreach (var f in flows)
        {
            outgoing[f.Source].Add(f.Index);
            incoming[f.Target].Add(f.Index);
        }
        foreach (var n in nodes)
        {
            n.Incoming = incoming[n.Index].ToArray();
            n.Outgoing = outgoing[n.Index].ToArray();
            n.Boundaries = nodes.Where(b => b.AttachedTo == n.Index).Select(b => b.Index).ToArray();
            LinkDefault(n);
            CheckNode(n);
        }
        var processStart = FindStart(-1, process);
        foreach (var sub in nodes.Where(n => n.Kind == NodeKind.SubProcess))
        {
            sub.StartNode = FindStart(sub.Index, elements[sub.Index]);
        }
        if (processStart >= 0)
        {
            CheckReachable(processStart);
        }
        JoinCheck.Check(diagnostics, nodes, elements, flows);
        return processStart;
    }

    /// <summary>Bit sets telling, for each inclusive join, which nodes can still send it a token.</summary>
    public ulong[][] InclusiveReach()
    {
        var words = (nodes.Count + 63) / 64;
        var reach = new ulong[nodes.Count][];
        foreach (var join in nodes)
        {
            if (join.Kind != NodeKind.InclusiveGateway || join.Incoming.Length < 2)
            {
                reach[join.Index] = [];
                continue;
            }
            var set = new ulong[words];
            var stack = new Stack<int>(join.Incoming.Select(f => flows[f].Source));
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n == join.Index || (set[n >> 6] & (1UL << (n & 63))) != 0)
                {
                    continue;
                }
                set[n >> 6] |= 1UL << (n & 63);
                foreach (var f in nodes[n].Incoming)
                {
                    stack.Push(flows[f].Source);
                }
                if (nodes[n].AttachedTo >= 0)
                {
                    stack.Push(nodes[n].AttachedTo); // a token waiting in the host may leave by this boundary
                }
            }
            reach[join.Index] = set;
        }
        return reach;
    }

    private void LinkDefault(FlowNode n)
    {
        var defaultRef = (string?)elements[n.Index].Attribute("default");
        if (defaultRef is null)
        {
            return;
        }
        var flow = n.Outgoing.Select(i => flows[i]).FirstOrDefault(f => f.Id == defaultRef);
        if (flow is null)
        {
            diagnostics.Error(DiagnosticCodes.DefaultFlowInvalid, $"default flow '{defaultRef}' is not an outgoing flow of this element", elements[n.Index]);
            return;
        }
        n.DefaultFlow = flow.Index;
        if (flow.Condition is not null)
        {
            diagnostics.Warning(DiagnosticCodes.WarnConditionIgnored, "the default flow's condition is ignored", "sequenceFlow", flow.Id, flow.Line);
        }
    }

    private void CheckNode(FlowNode n)
    {
        var el = elements[n.Index];
        switch (n.Kind)
        {
            case NodeKind.StartEvent when n.Incoming.Length > 0:
                diagnostics.Error(DiagnosticCodes.FlowIntoStart, "a start event cannot have incoming sequence flows", el);
                break;
            case NodeKind.BoundaryEvent when n.Incoming.Length > 0:
                diagnostics.Error(DiagnosticCodes.BoundaryInvalid, "a boundary event cannot have incoming sequence flows", el);
                break;
            case NodeKind.EndEvent when n.Outgoing.Length > 0:
                diagnostics.Error(DiagnosticCodes.FlowOutOfEnd, "an end event cannot have outgoing sequence flows", el);
                break;
            case NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway or NodeKind.ParallelGateway or NodeKind.EventBasedGateway when n.Outgoing.Length == 0:
                diagnostics.Error(DiagnosticCodes.GatewayNoOutgoing, "gateway has no outgoing sequence flow", el);
                break;
            case NodeKind.ParallelGateway:
                foreach (var f in n.Outgoing.Select(i => flows[i]).Where(f => f.Condition is not null))
                {
                    diagnostics.Warning(DiagnosticCodes.WarnConditionIgnored, "conditions on flows leaving a parallel gateway are ignored (BPMN)", "sequenceFlow", f.Id, f.Line);
                }
                break;
            case NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway when n.DefaultFlow < 0 && n.Outgoing.Any(i => flows[i].Condition is not null)
                && n.Outgoing.All(i => flows[i].Condition is not null):
                diagnostics.Warning(DiagnosticCodes.WarnNoDefault,
                    "gateway has no default flow: when no condition holds, the case stops with an incident", el);
                break;
            case NodeKind.ExclusiveGateway when n.Outgoing.Length > 1:
                var unconditional = n.Outgoing.Select(i => flows[i]).Where(f => f.Condition is null && !f.IsDefault).ToList();
                if (unconditional.Count > 0 && n.Outgoing.Length > 1)
                {
                    diagnostics.Warning(DiagnosticCodes.WarnUnconditional,
                        $"flow '{unconditional[0].Id}' has no condition and is not the default: it is always true, so flows after it are never taken", el);
                }
                break;
            case NodeKind.EventBasedGateway:
                foreach (var target in n.Outgoing.Select(i => nodes[flows[i].Target]))
                {
                    var ok = target.Kind == NodeKind.ReceiveTask
                        || (target.Kind == NodeKind.IntermediateCatchEvent && target.Event is EventKind.Timer or EventKind.Message);
                    if (!ok)
                    {
                        diagnostics.Error(DiagnosticCodes.EventGateway,
                            $"an event-based gateway may only lead to timer/message catch events or receive tasks, not to {target.Kind} '{target.Id}'", el);
                    }
                }
                break;
        }
    }

    private int FindStart(int scope, XElement container)
    {
        var starts = nodes.Where(n => n.Scope == scope && n.Kind == NodeKind.StartEvent).ToList();
        if (starts.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.NoStart,
                scope < 0 ? "process has no start event" : "subprocess has no start event", container);
            return -1;
        }
        if (starts.Count > 1)
        {
            diagnostics.Error(DiagnosticCodes.MultipleStart,
                $"{starts.Count} start events ({string.Join(", ", starts.Select(s => s.Id))}); exactly one none start event is supported per process or subprocess", container);
        }
        return starts[0].Index;
    }

    private void CheckReachable(int processStart)
    {
        var seen = new bool[nodes.Count];
        var stack = new Stack<int>();
        stack.Push(processStart);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (seen[n])
            {
                continue;
            }
            seen[n] = true;
            var node = nodes[n];
            foreach (var f in node.Outgoing)
            {
                stack.Push(flows[f].Target);
            }
            foreach (var b in node.Boundaries)
            {
                stack.Push(b);
            }
            if (node.StartNode >= 0)
            {
                stack.Push(node.StartNode);
            }
        }
        foreach (var n in nodes.Where(n => !seen[n.Index]))
        {
            diagnostics.Error(DiagnosticCodes.Unreachable, "element can never be reached from the start event", elements[n.Index]);
        }
    }
}
