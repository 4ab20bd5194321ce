namespace Workflow.Engine.Model;

/// <summary>An immutable, pre-compiled process graph: ids resolved to indexes, conditions compiled once.</summary>
public sealed class ProcessDefinition
{
    private readonly Dictionary<string, int> _nodeIndex;

    internal ProcessDefinition(string id, string? name, FlowNode[] nodes, SequenceFlow[] flows, int startNode, ulong[][] inclusiveReach)
    {
        Id = id;
        Name = name;
        Nodes = nodes;
        Flows = flows;
        StartNode = startNode;
        InclusiveReach = inclusiveReach;
        _nodeIndex = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            _nodeIndex[n.Id] = n.Index;
        }
    }

    /// <summary>BPMN process id; the key under which versions are deployed.</summary>
    public string Id { get; }
    /// <summary>Process name.</summary>
    public string? Name { get; }
    /// <summary>All nodes, including those inside subprocesses.</summary>
    public IReadOnlyList<FlowNode> Nodes { get; }
    /// <summary>All sequence flows.</summary>
    public IReadOnlyList<SequenceFlow> Flows { get; }
    /// <summary>Index of the process-level none start event.</summary>
    public int StartNode { get; }
    /// <summary>How duties are separated in this process (wf:dutySeparation); strict unless declared otherwise.</summary>
    public DutySeparation DutySeparation { get; internal init; }
    /// <summary>Every wf: attribute of the process element as written, by local name, for rules (e.g. a flag like wf:requiresParent).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; internal init; } = TaskSpec.NoAttributes;

    /// <summary>Whether a wf: attribute of the process is present with the value <c>true</c>.</summary>
    public bool Flag(string attribute) => Attributes.TryGetValue(attribute, out var value) && value.Trim() == "true";

    /// <summary>
    /// For each inclusive join (by node index), a bit set of node indexes from which it can be reached.
    /// Precomputed so that deciding whether a join may fire is a bit test per token.
    /// </summary>
    internal ulong[][] InclusiveReach { get; }

    /// <summary>Finds a node by BPMN id.</summary>
    public FlowNode? FindNode(string id) => _nodeIndex.TryGetValue(id, out var i) ? Nodes[i] : null;

    internal bool CanReach(int join, int node)
    {
        var set = InclusiveReach[join];
        return set.Length > 0 && (set[node >> 6] & (1UL << (node & 63))) != 0;
    }
}
