using Workflow.Engine.Storage;

namespace Workflow.Persistence.Definitions;

/// <summary>
/// Compiled definitions by (process id, version), least recently used dropped first. A version never
/// changes once deployed, so an entry never goes stale; the bound only caps memory.
/// </summary>
internal sealed class DefinitionCache(int capacity)
{
    private readonly Dictionary<(string ProcessId, int Version), LinkedListNode<DeployedDefinition>> _map = [];
    private readonly LinkedList<DeployedDefinition> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public bool TryGet(string processId, int version, out DeployedDefinition definition)
    {
        lock (_gate)
        {
            if (_map.TryGetValue((processId, version), out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                definition = node.Value;
                return true;
            }
        }
        definition = null!;
        return false;
    }

    public void Add(DeployedDefinition definition)
    {
        lock (_gate)
        {
            var key = (definition.ProcessId, definition.Version);
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }
            _map[key] = _order.AddFirst(definition);
            while (_map.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove((last.Value.ProcessId, last.Value.Version));
            }
        }
    }
}
