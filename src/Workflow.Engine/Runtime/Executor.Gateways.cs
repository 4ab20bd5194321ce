using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>Gateways: exclusive choice, parallel fork/join, inclusive fork/join, and deadlock detection.</summary>
internal sealed partial class Executor
{
    private void Exclusive(Token t, FlowNode node)
    {
        foreach (var f in node.Outgoing)
        {
            var take = Takes(t, node, _def.Flows[f]);
            if (take is null)
            {
                return; // incident raised
            }
            if (take.Value)
            {
                Move(t, f);
                return;
            }
        }
        if (node.DefaultFlow >= 0)
        {
            Move(t, node.DefaultFlow);
            return;
        }
        RaiseIncident(t, node, "no-matching-flow", "no outgoing sequence flow condition is true and there is no default flow");
    }

    private void Parallel(Token t, FlowNode node)
    {
        if (node.Incoming.Length > 1)
        {
            t.State = TokenState.AtJoin;
            if (!TryJoinParallel(t, node))
            {
                return;
            }
        }
        for (var i = 0; i < node.Outgoing.Length; i++)
        {
            MoveOrSplit(t, node.Outgoing[i], i);
        }
    }

    /// <summary>Fires when every incoming flow has a token in this scope; consumes one per flow.</summary>
    private bool TryJoinParallel(Token t, FlowNode node)
    {
        Span<int> found = node.Incoming.Length <= 32 ? stackalloc int[node.Incoming.Length] : new int[node.Incoming.Length];
        for (var i = 0; i < node.Incoming.Length; i++)
        {
            var flow = node.Incoming[i];
            found[i] = t.ArrivedVia == flow ? t.Id : FindJoinToken(node.Index, t.Scope, flow);
            if (found[i] < 0)
            {
                return false;
            }
        }
        foreach (var id in found)
        {
            if (id != t.Id)
            {
                RemoveToken(_inst.FindToken(id)!);
            }
        }
        t.State = TokenState.Ready;
        return true;
    }

    private int FindJoinToken(int node, int scope, int flow)
    {
        foreach (var other in _inst.Tokens)
        {
            if (other.Node == node && other.Scope == scope && other.State == TokenState.AtJoin && other.ArrivedVia == flow)
            {
                return other.Id;
            }
        }
        return -1;
    }

    private void Inclusive(Token t, FlowNode node)
    {
        if (node.Incoming.Length > 1)
        {
            t.State = TokenState.AtJoin; // decided when the instance is quiet: FireInclusiveJoins
            return;
        }
        Leave(t, node);
    }

    /// <summary>
    /// An inclusive join fires once no other token in its scope can still reach it. Checked when no
    /// token is left to run, so every branch that can arrive in this command has arrived.
    /// </summary>
    private bool FireInclusiveJoins()
    {
        foreach (var t in _inst.Tokens)
        {
            if (t.State != TokenState.AtJoin || _def.Nodes[t.Node].Kind != NodeKind.InclusiveGateway || !CanInclusiveFire(t))
            {
                continue;
            }
            var node = _def.Nodes[t.Node];
            foreach (var flow in node.Incoming)
            {
                var other = flow == t.ArrivedVia ? -1 : FindJoinToken(node.Index, t.Scope, flow);
                if (other >= 0)
                {
                    RemoveToken(_inst.FindToken(other)!);
                }
            }
            t.State = TokenState.Ready;
            Leave(t, node);
            return true;
        }
        return false;
    }

    private bool CanInclusiveFire(Token t)
    {
        foreach (var other in _inst.Tokens)
        {
            if (other.Scope == t.Scope && other.Node != t.Node && _def.CanReach(t.Node, other.Node))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A scope whose only tokens sit at joins that cannot fire will never move again: say so.</summary>
    private void DetectDeadlocks()
    {
        foreach (var t in _inst.Tokens)
        {
            if (t.State != TokenState.AtJoin)
            {
                continue;
            }
            var stuck = true;
            foreach (var other in _inst.Tokens)
            {
                if (other.Scope == t.Scope && other.State != TokenState.AtJoin && other.State != TokenState.Incident)
                {
                    stuck = false;
                    break;
                }
            }
            if (stuck && !HasIncident(t.Id))
            {
                var node = _def.Nodes[t.Node];
                RaiseIncident(t, node, "join-deadlock", $"the join '{node.Id}' waits for branches that can no longer arrive");
            }
        }
    }

    private bool HasIncident(int tokenId)
    {
        foreach (var i in _inst.Incidents)
        {
            if (i.TokenId == tokenId)
            {
                return true;
            }
        }
        return false;
    }
}
