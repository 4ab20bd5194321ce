using Workflow.Engine.Model;

namespace Workflow.Engine.Storage;

/// <summary>Definition versions in memory (tests, simulation, the command line).</summary>
public sealed class InMemoryDefinitionStore(TimeProvider? clock = null) : IDefinitionStore
{
    private readonly Dictionary<string, List<DeployedDefinition>> _versions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyList<DeployedDefinition>> DeployAsync(BpmnDocument document, CancellationToken cancellationToken = default)
    {
        var current = new List<DeployedDefinition>();
        lock (_gate)
        {
            foreach (var process in document.Processes)
            {
                if (!_versions.TryGetValue(process.Id, out var versions))
                {
                    _versions[process.Id] = versions = [];
                }
                var latest = versions.Count == 0 ? null : versions[^1];
                if (latest is not null && latest.ContentHash == document.ContentHash)
                {
                    current.Add(latest); // identical content: a no-op
                    continue;
                }
                var deployed = new DeployedDefinition(process.Id, versions.Count + 1, document.ContentHash, document.Source, process, _clock.GetUtcNow());
                versions.Add(deployed);
                current.Add(deployed);
            }
        }
        return Task.FromResult<IReadOnlyList<DeployedDefinition>>(current);
    }

    /// <inheritdoc />
    public Task<DeployedDefinition?> FindAsync(string processId, int? version = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_versions.TryGetValue(processId, out var versions) || versions.Count == 0)
            {
                return Task.FromResult<DeployedDefinition?>(null);
            }
            return Task.FromResult(version is null ? versions[^1] : versions.Find(v => v.Version == version));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeployedDefinition>> ListVersionsAsync(string processId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeployedDefinition>>(_versions.TryGetValue(processId, out var v) ? v.ToArray() : []);
        }
    }
}
