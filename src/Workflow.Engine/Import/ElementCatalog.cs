using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>Which BPMN elements are executed, which are ignored as documentation, and which are refused.</summary>
internal static class ElementCatalog
{
    public static readonly IReadOnlyDictionary<string, NodeKind> FlowNodes = new Dictionary<string, NodeKind>(StringComparer.Ordinal)
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["task"] = NodeKind.Task,
        ["userTask"] = NodeKind.UserTask,
        ["manualTask"] = NodeKind.ManualTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
    };

    /// <summary>Diagram and documentation elements: no execution semantics, nothing to report.</summary>
    public static readonly HashSet<string> Documentation = new(StringComparer.Ordinal)
    {
        "laneSet", "lane", "textAnnotation", "association", "group", "documentation", "extensionElements",
        "incoming", "outgoing", "auditing", "monitoring", "category", "sequenceFlow",
    };

    /// <summary>Data elements: kept in the file, not executed; reported as warnings.</summary>
    public static readonly HashSet<string> DataElements = new(StringComparer.Ordinal)
    {
        "dataObject", "dataObjectReference", "dataStoreReference", "ioSpecification", "property",
        "dataInputAssociation", "dataOutputAssociation", "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "dataInput", "dataOutput", "inputSet", "outputSet",
    };

    /// <summary>BPMN elements the engine refuses, with the reason shown to the user.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sendTask"] = "send tasks are not supported; use a serviceTask with a wf:type that sends",
        ["businessRuleTask"] = "business rule (DMN) tasks are not supported",
        ["complexGateway"] = "complex gateways are not supported",
        ["transaction"] = "transaction subprocesses (and compensation) are not supported",
        ["adHocSubProcess"] = "ad-hoc subprocesses are not supported",
        ["callChoreography"] = "choreographies are not executable",
        ["choreographyTask"] = "choreographies are not executable",
        ["subChoreography"] = "choreographies are not executable",
        ["implicitThrowEvent"] = "implicit throw events are not supported",
        ["standardLoopCharacteristics"] = "standard loops are not supported; draw the loop with a gateway or use multi-instance",
    };

    public static string EventName(string definitionLocalName) =>
        definitionLocalName.EndsWith("EventDefinition", StringComparison.Ordinal)
            ? definitionLocalName[..^"EventDefinition".Length]
            : definitionLocalName;
}
