using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>An instance one command loaded or created, and what its save must expect.</summary>
internal sealed class TrackedInstance(ProcessInstance instance, long revision, DeployedDefinition? definition)
{
    public ProcessInstance Instance { get; } = instance;

    /// <summary>Revision as loaded; 0 for an instance this command created.</summary>
    public long Revision { get; } = revision;

    /// <summary>The version the instance runs on; null when that version is no longer deployed.</summary>
    public DeployedDefinition? Definition { get; set; } = definition;

    public bool Changed { get; set; }

    /// <summary>What the store derived from the state as loaded, handed back with the save.</summary>
    public InstanceProjection? Loaded { get; init; }
}
