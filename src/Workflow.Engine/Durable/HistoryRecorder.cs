using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Collects the history lines of one command, across every instance it touches, so that they are
/// saved in the same transaction as the state they describe.
/// </summary>
internal sealed class HistoryRecorder(TimeProvider clock, string? actor) : IExecutionListener
{
    // Reasons and messages are often Chinese: keep them readable in the stored JSON instead of \u-escaped.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly List<HistoryEntry> _entries = [];

    public IReadOnlyList<HistoryEntry> Entries => _entries;

    /// <summary>Position to roll back to when a step the line announced is refused.</summary>
    public int Mark => _entries.Count;

    public void RollbackTo(int mark) => _entries.RemoveRange(mark, _entries.Count - mark);

    public void Add(Guid instanceId, string kind, string? elementId, object? data = null) =>
        _entries.Add(new HistoryEntry(instanceId, clock.GetUtcNow(), kind, elementId, actor,
            data is null ? null : JsonSerializer.Serialize(data, Json)));

    public void NodeEntered(ProcessInstance instance, FlowNode node) => Add(instance.Id, HistoryKinds.Entered, node.Id);

    public void TaskCreated(ProcessInstance instance, WorkItem task) =>
        Add(instance.Id, HistoryKinds.TaskCreated, task.ElementId, new { taskId = task.Id, unit = task.Unit, assignee = task.Assignee });

    public void TaskCompleted(ProcessInstance instance, WorkItem task, TaskCompletion completion) =>
        Add(instance.Id, HistoryKinds.TaskCompleted, task.ElementId, new { taskId = task.Id, outcome = completion.Outcome, reason = completion.Reason });

    public void IncidentRaised(ProcessInstance instance, Incident incident) =>
        Add(instance.Id, HistoryKinds.Incident, incident.ElementId, new { incidentId = incident.Id, code = incident.Code, message = incident.Message });

    public void InstanceEnded(ProcessInstance instance) =>
        Add(instance.Id, HistoryKinds.Ended, null, new { status = instance.Status.ToString().ToLowerInvariant() });
}
