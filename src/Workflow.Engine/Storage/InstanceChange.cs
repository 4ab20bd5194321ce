using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>One instance written by a command: created when <paramref name="ExpectedRevision"/> is 0, else updated from that revision.</summary>
public sealed record InstanceChange(ProcessInstance Instance, long ExpectedRevision)
{
    /// <summary>
    /// The <see cref="StoredInstance.Projection"/> the instance was loaded with, handed back so that the store can write only
    /// what changed; null for a new instance, or when unknown (the store then reads what it had derived).
    /// </summary>
    public InstanceProjection? Loaded { get; init; }
}
