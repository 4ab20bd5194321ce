using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>Reads one bpmn:process (and its embedded subprocesses) into a <see cref="ProcessDefinition"/>.</summary>
internal sealed class ProcessReader
{
    private static readonly XNamespace M = BpmnNamespaces.Model;
    private readonly DefinitionsContext _ctx;
    private readonly XElement _process;
    private readonly NodeReader _nodes;
    private readonly List<FlowNode> _nodeList = [];
    private readonly List<XElement> _nodeElements = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<(XElement Element, int Scope)> _flowElements = [];

    public ProcessReader(DefinitionsContext ctx, XElement process)
    {
        _ctx = ctx;
        _process = process;
        _nodes = new NodeReader(ctx);
    }

    public ProcessDefinition? Read()
    {
        var id = (string?)_process.Attribute("id");
        if (id is null)
        {
            _ctx.Diagnostics.Error(DiagnosticCodes.MissingId, "process has no id", _process);
            return null;
        }
        var executable = _ctx.Bool(_process, "isExecutable", true);
        var separation = ReadDutySeparation();
        ExtensionReader.CheckCamunda(_ctx, _process);
        Walk(_process, -1);
        if (_nodeList.Count == 0)
        {
            _ctx.Diagnostics.Warning(DiagnosticCodes.WarnEmptyProcess, "process has no flow nodes; nothing to execute", _process);
            return null;
        }
        ApplyTaskDefaults(id);
        var flows = ResolveFlows();
        var graph = new GraphBuilder(_ctx.Diagnostics, _nodeList, _nodeElements, flows);
        var start = graph.Link(_process);
        if (!executable)
        {
            // Checked like any other, but, as in Camunda, a process marked non-executable (documentation, a partner's pool) is not deployed.
            _ctx.Diagnostics.Warning(DiagnosticCodes.WarnNotExecutable, "process is marked isExecutable=\"false\"; it is checked but not deployed (set it to true to run it)", _process);
            return null;
        }
        return start < 0 || _ctx.Diagnostics.ErrorCount > 0
            ? null
            : new ProcessDefinition(id, (string?)_process.Attribute("name"), _nodeList.ToArray(), flows, start, graph.InclusiveReach())
            {
                DutySeparation = separation,
                Attributes = ExtensionReader.Attributes(_process),
            };
    }

    private DutySeparation ReadDutySeparation()
    {
        var text = (string?)_process.Attribute(BpmnNamespaces.Workflow + "dutySeparation");
        switch (text?.Trim())
        {
            case null or "strict":
                return DutySeparation.Strict;
            case "declared":
                return DutySeparation.Declared;
            default:
                _ctx.Diagnostics.Error(DiagnosticCodes.InvalidAttribute, $"dutySeparation=\"{text}\" is not strict or declared", _process);
                return DutySeparation.Strict;
        }
    }

    private void Walk(XElement container, int scope)
    {
        // Boundary events are read after their hosts so attachedToRef resolves within the same scope.
        var boundaries = new List<XElement>();
        foreach (var el in container.Elements())
        {
            var local = el.Name.LocalName;
            if (el.Name.Namespace != M)
            {
                _ctx.Diagnostics.Warning(DiagnosticCodes.WarnIgnored, $"foreign element '{el.Name}' is not executed", el);
                continue;
            }
            if (local == "sequenceFlow")
            {
                _flowElements.Add((el, scope));
            }
            else if (local == "boundaryEvent")
            {
                boundaries.Add(el);
            }
            else if (ElementCatalog.FlowNodes.TryGetValue(local, out var kind))
            {
                var index = Add(el, kind, scope, -1);
                if (index >= 0 && kind == NodeKind.SubProcess)
                {
                    Walk(el, index);
                }
            }
            else if (ElementCatalog.Documentation.Contains(local))
            {
                continue;
            }
            else if (ElementCatalog.DataElements.Contains(local))
            {
                _ctx.Diagnostics.Warning(DiagnosticCodes.WarnIgnored, $"{local} has no execution semantics here; it is kept in the file for display", el);
            }
            else if (ElementCatalog.Unsupported.TryGetValue(local, out var why))
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedElement, why, el);
            }
            else
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.UnknownElement, $"'{local}' is not a BPMN element the engine knows", el);
            }
        }
        foreach (var el in boundaries)
        {
            var host = (string?)el.Attribute("attachedToRef");
            if (host is null || !_index.TryGetValue(host, out var hostIndex) || _nodeList[hostIndex].Scope != scope || !_nodeList[hostIndex].IsActivity)
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.BoundaryRef,
                    $"attachedToRef '{host}' does not name an activity in the same process or subprocess", el);
                continue;
            }
            Add(el, NodeKind.BoundaryEvent, scope, hostIndex);
        }
    }

    private int Add(XElement el, NodeKind kind, int scope, int attachedTo)
    {
        var id = (string?)el.Attribute("id");
        if (id is null)
        {
            _ctx.Diagnostics.Error(DiagnosticCodes.MissingId, $"{el.Name.LocalName} has no id", el);
            return -1;
        }
        if (_index.ContainsKey(id))
        {
            return -1; // reported as a duplicate id already
        }
        if (++_ctx.NodeCount > _ctx.Options.MaxNodes)
        {
            if (_ctx.NodeCount == _ctx.Options.MaxNodes + 1)
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.TooManyNodes, $"more than {_ctx.Options.MaxNodes} flow nodes", el);
            }
            return -1;
        }
        var node = _nodes.Read(el, kind, _nodeList.Count, scope, attachedTo);
        _index[id] = node.Index;
        _nodeList.Add(node);
        _nodeElements.Add(el);
        return node.Index;
    }

    /// <summary>Runs once every node is read, so a provider can resolve separations by activity type across the process.</summary>
    private void ApplyTaskDefaults(string processId)
    {
        if (_ctx.Options.TaskDefaults is not { } defaults)
        {
            return;
        }
        for (var i = 0; i < _nodeList.Count; i++)
        {
            var node = _nodeList[i];
            if (node.Task.ActivityType is not null && node.Kind is NodeKind.UserTask or NodeKind.ReceiveTask or NodeKind.ManualTask)
            {
                node.Task = defaults.Apply(new TaskDefaultsContext(_ctx.Diagnostics, _nodeElements[i], processId, node, _nodeList));
            }
        }
    }

    private SequenceFlow[] ResolveFlows()
    {
        var flows = new List<SequenceFlow>(_flowElements.Count);
        foreach (var (el, scope) in _flowElements)
        {
            var id = (string?)el.Attribute("id");
            var sourceRef = (string?)el.Attribute("sourceRef");
            var targetRef = (string?)el.Attribute("targetRef");
            if (id is null)
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.MissingId, "sequenceFlow has no id", el);
                continue;
            }
            if (sourceRef is null || !_index.TryGetValue(sourceRef, out var source))
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.FlowDangling, $"sourceRef '{sourceRef}' names no flow node in this process", el);
                continue;
            }
            if (targetRef is null || !_index.TryGetValue(targetRef, out var target))
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.FlowDangling, $"targetRef '{targetRef}' names no flow node in this process", el);
                continue;
            }
            if (_nodeList[source].Scope != scope || _nodeList[target].Scope != scope)
            {
                _ctx.Diagnostics.Error(DiagnosticCodes.FlowCrossesScope, "a sequence flow may not cross a subprocess border", el);
                continue;
            }
            ExtensionReader.CheckCamunda(_ctx, el);
            var condition = el.Element(M + "conditionExpression");
            flows.Add(new SequenceFlow
            {
                Index = flows.Count,
                Id = id,
                Name = (string?)el.Attribute("name"),
                Source = source,
                Target = target,
                Condition = condition is null ? null : ExpressionReader.Condition(_ctx, condition, el, "condition"),
                IsDefault = (string?)_nodeElements[source].Attribute("default") == id,
                Line = Diagnostics.LineOf(el) ?? 0,
            });
        }
        return flows.ToArray();
    }
}
