using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>An instance as loaded, with the revision a save must expect (optimistic concurrency).</summary>
public sealed record StoredInstance(ProcessInstance Instance, long Revision)
{
    /// <summary>What the store had derived from this state when it was loaded; null when the store derives nothing.</summary>
    public InstanceProjection? Projection { get; init; }
}
