using Workflow.Engine.Model;

namespace Workflow.Engine.Storage;

/// <summary>One version of a process as deployed: running instances stay on the version they started with.</summary>
/// <param name="ProcessId">Process id (the key versions share).</param>
/// <param name="Version">1, 2, … per process id.</param>
/// <param name="ContentHash">SHA-256 of the BPMN file the version came from.</param>
/// <param name="Source">The BPMN XML, diagram included.</param>
/// <param name="Definition">The compiled process.</param>
/// <param name="DeployedAt">When it was deployed.</param>
public sealed record DeployedDefinition(string ProcessId, int Version, string ContentHash, string Source, ProcessDefinition Definition, DateTimeOffset DeployedAt);
