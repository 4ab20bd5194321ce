using Workflow.Engine.Model;

namespace Workflow.Engine.Storage;

/// <summary>
/// Keeps every deployed version of every process. Deploying a file whose content changed creates
/// version N+1 of each of its processes; deploying identical content changes nothing.
/// </summary>
public interface IDefinitionStore
{
    /// <summary>Deploys the processes of a validated document; returns the versions now current for them.</summary>
    Task<IReadOnlyList<DeployedDefinition>> DeployAsync(BpmnDocument document, CancellationToken cancellationToken = default);

    /// <summary>A given version, or the latest when <paramref name="version"/> is null; null when unknown.</summary>
    Task<DeployedDefinition?> FindAsync(string processId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>All versions of a process, oldest first.</summary>
    Task<IReadOnlyList<DeployedDefinition>> ListVersionsAsync(string processId, CancellationToken cancellationToken = default);
}
