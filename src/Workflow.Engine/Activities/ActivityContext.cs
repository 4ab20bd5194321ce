using Workflow.Engine.Expressions;

namespace Workflow.Engine.Activities;

/// <summary>What a service activity may see: the element, the instance's identity and its variables (read-only).</summary>
public sealed class ActivityContext
{
    internal ActivityContext(Guid instanceId, string? businessKey, string elementId, IVariableSource variables, DateTimeOffset now)
    {
        InstanceId = instanceId;
        BusinessKey = businessKey;
        ElementId = elementId;
        Variables = variables;
        Now = now;
    }

    /// <summary>Instance id.</summary>
    public Guid InstanceId { get; }
    /// <summary>Business key.</summary>
    public string? BusinessKey { get; }
    /// <summary>BPMN id of the serviceTask.</summary>
    public string ElementId { get; }
    /// <summary>Variables visible to the task.</summary>
    public IVariableSource Variables { get; }
    /// <summary>Engine clock.</summary>
    public DateTimeOffset Now { get; }
}
