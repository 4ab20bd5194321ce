using System.Xml.Linq;
using Workflow.Engine.Model;
using Workflow.Engine.Timers;

namespace Workflow.Engine.Import;

/// <summary>Reads one flow node element: its event definition, loop, script, call and task details.</summary>
internal sealed class NodeReader(DefinitionsContext ctx)
{
    private static readonly XNamespace M = BpmnNamespaces.Model;
    private static readonly XNamespace Wf = BpmnNamespaces.Workflow;
    private static readonly XNamespace Camunda = BpmnNamespaces.Camunda;

    public FlowNode Read(XElement el, NodeKind kind, int index, int scope, int attachedTo)
    {
        var id = (string)el.Attribute("id")!;
        var type = el.Name.LocalName;
        var (evt, definition) = ReadEventDefinition(el, kind);
        CheckChildren(el, kind);
        ExtensionReader.CheckCamunda(ctx, el);
        if (ctx.Bool(el, "isForCompensation", false))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedAttribute, "compensation handlers are not supported", el);
        }
        if (kind == NodeKind.SubProcess && ctx.Bool(el, "triggeredByEvent", false))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedElement, "event subprocesses are not supported; use boundary events on an embedded subprocess", el);
        }
        var node = new FlowNode
        {
            Index = index,
            Id = id,
            Name = (string?)el.Attribute("name"),
            Kind = kind,
            Event = evt,
            Line = Diagnostics.LineOf(el) ?? 0,
            Scope = scope,
            AttachedTo = attachedTo,
            CancelActivity = ctx.Bool(el, "cancelActivity", true),
            Timer = evt == EventKind.Timer ? ReadTimer(definition!, el) : null,
            MessageName = ReadMessage(el, kind, evt, definition),
            ErrorCode = evt == EventKind.Error ? ReadErrorCode(definition!, el) : null,
            Task = kind is NodeKind.UserTask or NodeKind.ManualTask or NodeKind.ServiceTask or NodeKind.ReceiveTask or NodeKind.Task or NodeKind.ScriptTask or NodeKind.CallActivity
                ? ExtensionReader.ReadTask(ctx, el) : TaskSpec.Empty,
            Loop = ReadLoop(el, kind),
            Script = kind == NodeKind.ScriptTask
                ? ExpressionReader.Script(ctx, el.Element(M + "script")?.Value ?? "", (string?)el.Attribute("scriptFormat"), el) : null,
            ResultVariable = (string?)el.Attribute(Wf + "resultVariable") ?? (string?)el.Attribute(Camunda + "resultVariable"),
            CalledElement = kind == NodeKind.CallActivity ? ReadCalledElement(el) : null,
            InMappings = kind == NodeKind.CallActivity ? ExtensionReader.ReadMappings(el, "in") : null,
            OutMappings = kind == NodeKind.CallActivity ? ExtensionReader.ReadMappings(el, "out") : null,
        };
        if (kind == NodeKind.ServiceTask)
        {
            CheckServiceImplementation(el, node);
        }
        if (kind == NodeKind.ManualTask && node.Task != TaskSpec.Empty)
        {
            ctx.Diagnostics.Warning(DiagnosticCodes.WarnIgnored,
                "a manualTask does not wait for anyone, so its roles, outcomes and fields are not used; draw a userTask to have it done and recorded", el);
        }
        if (kind == NodeKind.BoundaryEvent && evt == EventKind.Error && !node.CancelActivity)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.BoundaryInvalid, "an error boundary event is always interrupting (cancelActivity=\"false\" is not allowed)", el);
        }
        return node;
    }

    private (EventKind, XElement?) ReadEventDefinition(XElement el, NodeKind kind)
    {
        var definitions = el.Elements().Where(e => e.Name.Namespace == M &&
            (e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) || e.Name.LocalName == "eventDefinitionRef")).ToList();
        if (definitions.Count == 0)
        {
            if (kind is NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent)
            {
                ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedEvent, $"a {el.Name.LocalName} needs a timer, message or error definition", el);
            }
            return (EventKind.None, null);
        }
        if (definitions.Count > 1)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedEvent, "multiple event definitions on one event are not supported", el);
            return (EventKind.None, null);
        }
        var def = definitions[0];
        var name = ElementCatalog.EventName(def.Name.LocalName);
        EventKind? evt = name switch
        {
            "timer" => EventKind.Timer,
            "message" => EventKind.Message,
            "error" => EventKind.Error,
            "terminate" => EventKind.Terminate,
            _ => null,
        };
        var allowed = evt is { } e && kind switch
        {
            NodeKind.StartEvent => false,
            NodeKind.EndEvent => e is EventKind.Terminate or EventKind.Error,
            NodeKind.IntermediateCatchEvent => e is EventKind.Timer or EventKind.Message,
            NodeKind.BoundaryEvent => e is EventKind.Timer or EventKind.Message or EventKind.Error,
            _ => false,
        };
        if (!allowed)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedEvent,
                kind == NodeKind.StartEvent
                    ? $"{name} start events are not supported; a process starts through the API or command line (none start event)"
                    : $"{name} {el.Name.LocalName} is not supported", el);
            return (EventKind.None, null);
        }
        return (evt!.Value, def);
    }

    private void CheckChildren(XElement el, NodeKind kind)
    {
        foreach (var child in el.Elements())
        {
            var local = child.Name.LocalName;
            if (child.Name.Namespace != M || ElementCatalog.Documentation.Contains(local) || local.EndsWith("EventDefinition", StringComparison.Ordinal)
                || local is "eventDefinitionRef" or "multiInstanceLoopCharacteristics" or "script" or "conditionExpression")
            {
                continue;
            }
            if (kind == NodeKind.SubProcess)
            {
                continue; // the process reader walks a subprocess's children
            }
            if (ElementCatalog.DataElements.Contains(local))
            {
                ctx.Diagnostics.Warning(DiagnosticCodes.WarnIgnored, $"{local} has no execution semantics here; it is kept in the file for display", child);
            }
            else if (ElementCatalog.Unsupported.TryGetValue(local, out var why))
            {
                ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedElement, why, el);
            }
            else
            {
                ctx.Diagnostics.Error(DiagnosticCodes.UnknownElement, $"unknown BPMN child element '{local}'", el);
            }
        }
    }

    private TimerDefinition? ReadTimer(XElement definition, XElement el)
    {
        var spec = definition.Element(M + "timeDuration") is { } d ? (TimerType.Duration, d)
            : definition.Element(M + "timeDate") is { } t ? (TimerType.Date, t)
            : definition.Element(M + "timeCycle") is { } c ? (TimerType.Cycle, c)
            : ((TimerType, XElement)?)null;
        if (spec is null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Timer, "timer has no timeDuration, timeDate or timeCycle", el);
            return null;
        }
        var timer = TimerParser.Parse(spec.Value.Item1, spec.Value.Item2.Value, out var error);
        if (timer is null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Timer, error!, el);
        }
        return timer;
    }

    private string? ReadMessage(XElement el, NodeKind kind, EventKind evt, XElement? definition)
    {
        if (kind != NodeKind.ReceiveTask && evt != EventKind.Message)
        {
            return null;
        }
        var reference = kind == NodeKind.ReceiveTask ? (string?)el.Attribute("messageRef") : (string?)definition!.Attribute("messageRef");
        if (reference is null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.MessageRef, "a message wait needs a messageRef naming a bpmn:message, so it can be correlated", el);
            return null;
        }
        if (!ctx.TryGetMessageName(reference, out var name))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.MessageRef, $"messageRef '{reference}' names no bpmn:message in this file", el);
            return null;
        }
        return name;
    }

    private string? ReadErrorCode(XElement definition, XElement el)
    {
        var reference = (string?)definition.Attribute("errorRef");
        if (reference is null)
        {
            return null; // catches (or throws) any error
        }
        if (!ctx.TryGetErrorCode(reference, out var code))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.BoundaryRef, $"errorRef '{reference}' names no bpmn:error in this file", el);
        }
        return code;
    }

    private LoopSpec? ReadLoop(XElement el, NodeKind kind)
    {
        var mi = el.Element(M + "multiInstanceLoopCharacteristics");
        if (mi is null)
        {
            return null;
        }
        if (kind is NodeKind.SubProcess or NodeKind.CallActivity)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Loop, "multi-instance is supported on tasks only, not on subprocesses or call activities", el);
            return null;
        }
        var cardinality = mi.Element(M + "loopCardinality");
        var completion = mi.Element(M + "completionCondition");
        var collectionText = (string?)mi.Attribute(Wf + "collection") ?? (string?)mi.Attribute(Camunda + "collection")
            ?? mi.Element(M + "loopDataInputRef")?.Value;
        if (cardinality is not null && collectionText is not null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Loop, "multi-instance has both a loopCardinality and a collection; give one of them", el);
            return null;
        }
        if (mi.Element(M + "loopDataOutputRef") is not null || mi.Element(M + "outputDataItem") is not null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Loop, "collecting multi-instance outputs (loopDataOutputRef/outputDataItem) is not supported", el);
            return null;
        }
        if (cardinality is null && collectionText is null)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.Loop, "multi-instance needs a loopCardinality or a collection (wf:collection)", el);
            return null;
        }
        return new LoopSpec
        {
            IsSequential = ctx.Bool(mi, "isSequential", false),
            Cardinality = cardinality is null ? null : ExpressionReader.Condition(ctx, cardinality, el, "loop cardinality"),
            Collection = collectionText is null ? null : ExpressionReader.Compile(ctx, collectionText, null, el, "loop collection"),
            ElementVariable = (string?)mi.Attribute(Wf + "elementVariable") ?? (string?)mi.Attribute(Camunda + "elementVariable")
                ?? (string?)mi.Element(M + "inputDataItem")?.Attribute("name") ?? (string?)mi.Element(M + "inputDataItem")?.Attribute("id"),
            CompletionCondition = completion is null ? null : ExpressionReader.Condition(ctx, completion, el, "completion condition"),
        };
    }

    private string? ReadCalledElement(XElement el)
    {
        var called = (string?)el.Attribute("calledElement");
        if (string.IsNullOrWhiteSpace(called))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.CallActivity, "call activity has no calledElement", el);
            return null;
        }
        if (called.Contains("${", StringComparison.Ordinal))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionJuel, $"calledElement '{called}' is a JUEL expression; name the process id", el);
            return null;
        }
        return called;
    }

    private void CheckServiceImplementation(XElement el, FlowNode node)
    {
        foreach (var attr in new[] { "class", "expression", "delegateExpression", "topic" })
        {
            if (el.Attribute(Camunda + attr) is { } a)
            {
                ctx.Diagnostics.Error(DiagnosticCodes.ServiceImplementation,
                    $"camunda:{attr}=\"{a.Value}\" binds Java/JUEL code that does not exist here; bind the task with wf:type to a registered activity", el);
                return;
            }
        }
        if ((string?)el.Attribute(Camunda + "type") == "external")
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ServiceImplementation, "Camunda external tasks are not supported; bind the task with wf:type", el);
            return;
        }
        if (node.Task.ActivityType is null)
        {
            ctx.Diagnostics.Warning(DiagnosticCodes.WarnServiceNoType, "serviceTask has no wf:type; it runs as a pass-through step", el);
        }
        else if (ctx.Options.ActivityTypes is { } types && !types.Contains(node.Task.ActivityType))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.UnknownActivityType,
                $"no activity is registered for wf:type '{node.Task.ActivityType}' (registered: {string.Join(", ", types.Order())})", el);
        }
    }
}
