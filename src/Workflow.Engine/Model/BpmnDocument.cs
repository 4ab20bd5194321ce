namespace Workflow.Engine.Model;

/// <summary>An imported BPMN file: its executable processes plus the original XML (kept for the designer).</summary>
public sealed class BpmnDocument
{
    internal BpmnDocument(string source, string contentHash, IReadOnlyList<ProcessDefinition> processes)
    {
        Source = source;
        ContentHash = contentHash;
        Processes = processes;
    }

    /// <summary>The XML exactly as imported, diagram interchange included.</summary>
    public string Source { get; }
    /// <summary>SHA-256 of the source, hex.</summary>
    public string ContentHash { get; }
    /// <summary>Processes in document order.</summary>
    public IReadOnlyList<ProcessDefinition> Processes { get; }

    /// <summary>Finds a process by id.</summary>
    public ProcessDefinition? FindProcess(string id) => Processes.FirstOrDefault(p => p.Id == id);
}
