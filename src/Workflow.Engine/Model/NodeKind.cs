namespace Workflow.Engine.Model;

/// <summary>The BPMN element types the engine executes.</summary>
public enum NodeKind
{
    /// <summary>bpmn:startEvent (none).</summary>
    StartEvent,
    /// <summary>bpmn:endEvent.</summary>
    EndEvent,
    /// <summary>bpmn:task (abstract task, passes through).</summary>
    Task,
    /// <summary>bpmn:userTask, a wait state completed by a person.</summary>
    UserTask,
    /// <summary>bpmn:manualTask, work done outside the system (passes through).</summary>
    ManualTask,
    /// <summary>bpmn:serviceTask bound by type to a registered activity.</summary>
    ServiceTask,
    /// <summary>bpmn:scriptTask with sandboxed JavaScript.</summary>
    ScriptTask,
    /// <summary>bpmn:receiveTask, waits for a message.</summary>
    ReceiveTask,
    /// <summary>bpmn:exclusiveGateway.</summary>
    ExclusiveGateway,
    /// <summary>bpmn:parallelGateway.</summary>
    ParallelGateway,
    /// <summary>bpmn:inclusiveGateway.</summary>
    InclusiveGateway,
    /// <summary>bpmn:eventBasedGateway.</summary>
    EventBasedGateway,
    /// <summary>bpmn:subProcess (embedded).</summary>
    SubProcess,
    /// <summary>bpmn:callActivity.</summary>
    CallActivity,
    /// <summary>bpmn:intermediateCatchEvent (timer or message).</summary>
    IntermediateCatchEvent,
    /// <summary>bpmn:intermediateThrowEvent (none).</summary>
    IntermediateThrowEvent,
    /// <summary>bpmn:boundaryEvent (timer, error or message).</summary>
    BoundaryEvent,
}
