using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Moves one instance's state from one definition version to another. The state refers to nodes and
/// flows by index, and indexes change between versions, so every waiting element is matched by id
/// (or through the mapping) and its index rewritten. All checks come first: either the whole
/// instance moves, or nothing changes and every reason is listed.
/// </summary>
/// <remarks>
/// Timers keep their due times, and boundary events added in the target version are not armed for
/// tokens already waiting: they apply from the next time their activity is entered.
/// </remarks>
internal sealed class InstanceMigrator
{
    private readonly DeployedDefinition _from;
    private readonly DeployedDefinition _to;
    private readonly ProcessInstance _instance;
    private readonly IReadOnlyDictionary<string, string>? _mapping;
    private readonly Dictionary<int, int> _nodes = [];
    private readonly HashSet<int> _unmapped = [];
    private readonly List<string> _problems = [];

    public InstanceMigrator(DeployedDefinition from, DeployedDefinition to, ProcessInstance instance, IReadOnlyDictionary<string, string>? mapping)
    {
        _from = from;
        _to = to;
        _instance = instance;
        _mapping = mapping;
        CheckMappingNames();
        instance.Tokens.ForEach(t => MapNode(t.Node, "a token waits here"));
        instance.Tasks.ForEach(t => MapNode(t.Node, "open task"));
        instance.Timers.ForEach(t => MapNode(t.Node, "armed timer"));
        instance.Subscriptions.ForEach(s => MapNode(s.Node, $"waits for message '{s.MessageName}'"));
        instance.Scopes.ForEach(s => MapNode(s.Node, "running subprocess"));
        CheckStructure();
    }

    /// <summary>Why the instance cannot move; empty when it can.</summary>
    public IReadOnlyList<string> Problems => _problems;

    private ProcessDefinition From => _from.Definition;

    private ProcessDefinition To => _to.Definition;

    /// <summary>Rewrites the state to the target version; only after <see cref="Problems"/> came back empty.</summary>
    public void Apply()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidOperationException("a refused migration cannot be applied");
        }
        foreach (var token in _instance.Tokens)
        {
            // A waiting token leaves by a flow it chooses then; only a token at a join needs where it came from.
            token.ArrivedVia = token.ArrivedVia >= 0 && MapFlow(token) is { } flow ? flow : -1;
            token.Node = _nodes[token.Node];
        }
        foreach (var task in _instance.Tasks)
        {
            task.Node = _nodes[task.Node];
            task.ElementId = To.Nodes[task.Node].Id;
        }
        _instance.Timers.ForEach(t => t.Node = _nodes[t.Node]);
        _instance.Subscriptions.ForEach(s => s.Node = _nodes[s.Node]);
        _instance.Scopes.ForEach(s => s.Node = _nodes[s.Node]);
        foreach (var incident in _instance.Incidents)
        {
            if (From.FindNode(incident.ElementId) is { } node && _nodes.TryGetValue(node.Index, out var moved))
            {
                incident.ElementId = To.Nodes[moved].Id;
            }
        }
        // Who completed what, and what it locked, stays findable under the new ids: separation of duties,
        // overrides and amendment reviews in the target version name those.
        _instance.Completions?.ForEach(c => c.ElementId = Renamed(c.ElementId));
        foreach (var held in _instance.Locks?.Values ?? Enumerable.Empty<FieldLock>())
        {
            held.ElementId = Renamed(held.ElementId);
        }
        _instance.Version = _to.Version;
    }

    private string Renamed(string elementId) => _mapping is not null && _mapping.TryGetValue(elementId, out var to) ? to : elementId;

    /// <summary>A mapping naming nothing in the source version is a typo that would otherwise pass silently.</summary>
    private void CheckMappingNames()
    {
        foreach (var key in _mapping?.Keys ?? [])
        {
            if (From.FindNode(key) is null && !From.Flows.Any(f => f.Id == key))
            {
                _problems.Add($"the mapping names '{key}', which version {_from.Version} does not have");
            }
        }
    }

    private void MapNode(int index, string role)
    {
        if (_nodes.ContainsKey(index) || _unmapped.Contains(index))
        {
            return; // each element is reported once, however many things wait there
        }
        var node = From.Nodes[index];
        var mapped = _mapping is not null && _mapping.ContainsKey(node.Id);
        var targetId = mapped ? _mapping![node.Id] : node.Id;
        var target = To.FindNode(targetId);
        if (target is null)
        {
            _unmapped.Add(index);
            _problems.Add(mapped
                ? $"'{node.Id}' ({role}) is mapped to '{targetId}', which version {_to.Version} does not have"
                : $"'{node.Id}' ({role}) is not in version {_to.Version} and is not mapped");
            return;
        }
        if (target.Kind != node.Kind || target.Event != node.Event)
        {
            _unmapped.Add(index);
            _problems.Add($"'{node.Id}' ({role}) is {Describe(node)}, but '{target.Id}' in version {_to.Version} is {Describe(target)}");
            return;
        }
        _nodes[index] = target.Index;
    }

    private void CheckStructure()
    {
        foreach (var token in _instance.Tokens)
        {
            if (!_nodes.TryGetValue(token.Node, out var moved))
            {
                continue;
            }
            var node = From.Nodes[token.Node];
            CheckEnclosing(node, To.Nodes[moved], token.Scope);
            if (token.LoopTotal > 0 && To.Nodes[moved].Loop is null)
            {
                _problems.Add($"'{node.Id}' runs as multi-instance, but '{To.Nodes[moved].Id}' in version {_to.Version} is not multi-instance");
            }
            if (token.State == TokenState.AtJoin && MapFlow(token) is null)
            {
                _problems.Add($"a token waits at join '{node.Id}' having arrived by '{From.Flows[token.ArrivedVia].Id}', which has no counterpart into '{To.Nodes[moved].Id}' in version {_to.Version}");
            }
        }
        foreach (var scope in _instance.Scopes)
        {
            if (_nodes.TryGetValue(scope.Node, out var moved))
            {
                CheckEnclosing(From.Nodes[scope.Node], To.Nodes[moved], scope.ParentScope);
            }
        }
        _instance.Timers.ForEach(t => CheckAttached(t.Node, t.TokenId));
        foreach (var subscription in _instance.Subscriptions)
        {
            CheckAttached(subscription.Node, subscription.TokenId);
            if (_nodes.TryGetValue(subscription.Node, out var moved) && To.Nodes[moved].MessageName != subscription.MessageName)
            {
                _problems.Add($"'{From.Nodes[subscription.Node].Id}' waits for message '{subscription.MessageName}', but '{To.Nodes[moved].Id}' in version {_to.Version} waits for '{To.Nodes[moved].MessageName}'");
            }
        }
    }

    /// <summary>Whatever waits inside a running subprocess must stay inside that subprocess's counterpart.</summary>
    private void CheckEnclosing(FlowNode node, FlowNode target, int scopeId)
    {
        var expected = -1;
        if (scopeId != 0)
        {
            if (_instance.Scopes.Find(s => s.Id == scopeId) is not { } scope || !_nodes.TryGetValue(scope.Node, out expected))
            {
                return; // the subprocess itself is reported
            }
        }
        if (target.Scope != expected)
        {
            var inside = expected < 0 ? "at process level" : $"inside '{To.Nodes[expected].Id}'";
            _problems.Add($"'{node.Id}' would not be {inside} in version {_to.Version}, where '{target.Id}' is");
        }
    }

    /// <summary>A boundary event's counterpart must be attached to the counterpart of the activity the token waits in.</summary>
    private void CheckAttached(int eventNode, int tokenId)
    {
        var node = From.Nodes[eventNode];
        if (node.Kind != NodeKind.BoundaryEvent || !_nodes.TryGetValue(eventNode, out var moved)
            || _instance.FindToken(tokenId) is not { } token || !_nodes.TryGetValue(token.Node, out var host))
        {
            return;
        }
        if (To.Nodes[moved].AttachedTo != host)
        {
            _problems.Add($"'{node.Id}' is attached to '{From.Nodes[token.Node].Id}', but '{To.Nodes[moved].Id}' in version {_to.Version} is not attached to '{To.Nodes[host].Id}'");
        }
    }

    /// <summary>The target flow a token arrived by: by the mapping, else the same id, and it must lead to the token's new node.</summary>
    private int? MapFlow(Token token)
    {
        if (token.ArrivedVia < 0 || !_nodes.TryGetValue(token.Node, out var moved))
        {
            return null;
        }
        var id = From.Flows[token.ArrivedVia].Id;
        var targetId = _mapping is not null && _mapping.TryGetValue(id, out var m) ? m : id;
        return To.Flows.FirstOrDefault(f => f.Id == targetId && f.Target == moved)?.Index;
    }

    private static string Describe(FlowNode node) => node.Event == EventKind.None
        ? $"a {node.Kind}"
        : $"a {node.Event} {node.Kind}";
}
