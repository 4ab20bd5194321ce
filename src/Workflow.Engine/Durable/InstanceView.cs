using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>An instance as stored, with its history, for display.</summary>
/// <param name="Instance">The state (a private copy: changing it changes nothing stored).</param>
/// <param name="Revision">Stored revision.</param>
/// <param name="History">Every history line, oldest first.</param>
public sealed record InstanceView(ProcessInstance Instance, long Revision, IReadOnlyList<HistoryEntry> History);
