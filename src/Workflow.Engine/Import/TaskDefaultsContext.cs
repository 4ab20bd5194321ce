using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>One task handed to an <see cref="ITaskSpecDefaults"/>: what its BPMN declares, its process, and a place to report problems.</summary>
public sealed class TaskDefaultsContext
{
    private readonly Diagnostics _diagnostics;
    private readonly XElement _element;

    internal TaskDefaultsContext(Diagnostics diagnostics, XElement element, string processId, FlowNode node, IReadOnlyList<FlowNode> processNodes)
    {
        _diagnostics = diagnostics;
        _element = element;
        ProcessId = processId;
        Node = node;
        ProcessNodes = processNodes;
    }

    /// <summary>Id of the process being read.</summary>
    public string ProcessId { get; }
    /// <summary>The task (kind, id, name) with the spec read from the file.</summary>
    public FlowNode Node { get; }
    /// <summary>What the BPMN file declares for the task (<c>wf:type</c> is always set).</summary>
    public TaskSpec Declared => Node.Task;
    /// <summary>Every node of the process, subprocesses included, as read from the file.</summary>
    public IReadOnlyList<FlowNode> ProcessNodes { get; }

    /// <summary>Rejects the file with an error on this task.</summary>
    public void Error(string code, string message) => _diagnostics.Error(code, message, _element);

    /// <summary>Reports a warning on this task.</summary>
    public void Warning(string code, string message) => _diagnostics.Warning(code, message, _element);
}
