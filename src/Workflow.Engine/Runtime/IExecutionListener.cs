using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>Observes execution (history, tracing, simulation). Called synchronously inside a command.</summary>
public interface IExecutionListener
{
    /// <summary>A token entered a node.</summary>
    void NodeEntered(ProcessInstance instance, FlowNode node) { }
    /// <summary>A human task was created.</summary>
    void TaskCreated(ProcessInstance instance, WorkItem task) { }
    /// <summary>A human task was completed.</summary>
    void TaskCompleted(ProcessInstance instance, WorkItem task, TaskCompletion completion) { }
    /// <summary>An incident was raised.</summary>
    void IncidentRaised(ProcessInstance instance, Incident incident) { }
    /// <summary>The instance ended.</summary>
    void InstanceEnded(ProcessInstance instance) { }
}
