namespace Workflow.Persistence.Definitions;

/// <summary>One deployed version of one process: the BPMN source it was compiled from, never changed once written.</summary>
public sealed class DefinitionRow
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>BPMN process id.</summary>
    public string ProcessId { get; set; } = "";
    /// <summary>1, 2, … per process id.</summary>
    public int Version { get; set; }
    /// <summary>SHA-256 (hex) of the file the version came from.</summary>
    public string ContentHash { get; set; } = "";
    /// <summary>The BPMN XML as deployed, diagram included.</summary>
    public string Source { get; set; } = "";
    /// <summary>When it was deployed.</summary>
    public DateTimeOffset DeployedAt { get; set; }
}
