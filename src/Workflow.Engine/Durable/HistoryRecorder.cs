using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Workflow.Engine.Accountability;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Durable;

/// <summary>
/// Collects the history lines of one command, across every instance it touches, so that they are
/// saved in the same transaction as the state they describe. Every line names the command's actor:
/// the person (with role, unit and the person acted for) or the system component.
/// </summary>
internal sealed class HistoryRecorder(TimeProvider clock, Actor? actor) : IExecutionListener
{
    // Reasons and messages are often Chinese: keep them readable in the stored JSON instead of \u-escaped.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly List<HistoryEntry> _entries = [];

    public IReadOnlyList<HistoryEntry> Entries => _entries;

    /// <summary>The role recorded on the lines: the one the actor acted in, else every role they hold.</summary>
    public string? Role { get; set; } = actor is { Roles.Count: > 0 } person ? string.Join(",", person.Roles) : null;

    /// <summary>The unit recorded on the lines: the one the actor acted in.</summary>
    public string? Unit { get; set; } = actor?.Unit;

    /// <summary>What the runtime knows about the completion the engine is about to report (edits, override), for its line.</summary>
    public CompletionNote? Completion { get; set; }

    /// <summary>Position to roll back to when a step the line announced is refused.</summary>
    public int Mark => _floor = _entries.Count;

    /// <summary>The last <see cref="Mark"/> taken: lines before it are never folded away (a rollback must find them).</summary>
    private int _floor;

    public void RollbackTo(int mark) => _entries.RemoveRange(mark, _entries.Count - mark);

    public void Add(Guid instanceId, string kind, string? elementId, object? data = null, string? outcome = null) =>
        _entries.Add(new HistoryEntry(instanceId, clock.GetUtcNow(), kind, elementId, actor?.Id,
            data is null ? null : JsonSerializer.Serialize(data, Json))
        {
            Role = actor is { IsSystem: false } ? Role : null,
            Unit = actor is { IsSystem: false } ? Unit : null,
            ActingFor = actor?.ActingFor,
            Outcome = outcome,
        });

    public void NodeEntered(ProcessInstance instance, FlowNode node) => Add(instance.Id, HistoryKinds.Entered, node.Id);

    public void TaskCreated(ProcessInstance instance, WorkItem task) => Add(instance.Id, HistoryKinds.TaskCreated, task.ElementId,
        new { taskId = task.Id, unit = task.Unit, assignee = task.Assignee, entered = EnteredBefore(TakeEntered(instance.Id), task.ElementId) });

    /// <summary>
    /// Takes the <c>entered</c> lines of <paramref name="instanceId"/> that directly precede the line about to be written (after the last
    /// <see cref="Mark"/>) out of the history, in order; that line lists their elements in its <c>entered</c> field
    /// (<see cref="EnteredBefore"/>). Nothing is lost: the lines were written by the same actor in the same command, carry no data,
    /// and can be read back in order from the field; what goes away is a ledger entry each that said only "entered" (ADR-007,
    /// amendments). <see cref="Restore"/> puts them back when the line is not written after all.
    /// </summary>
    public HistoryEntry[] TakeEntered(Guid instanceId)
    {
        var first = _entries.Count;
        while (first > _floor && _entries[first - 1] is { Kind: HistoryKinds.Entered } line && line.InstanceId == instanceId)
        {
            first--;
        }
        if (first == _entries.Count)
        {
            return [];
        }
        var taken = CollectionsMarshal.AsSpan(_entries)[first..].ToArray();
        _entries.RemoveRange(first, taken.Length);
        return taken;
    }

    /// <summary>Puts back the lines <see cref="TakeEntered"/> took.</summary>
    public void Restore(HistoryEntry[] taken) => _entries.AddRange(taken);

    /// <summary>
    /// The elements of the <paramref name="taken"/> lines, in order, or null for none — without the last one when it is the element the
    /// new line names (<paramref name="lineElement"/>): the token's arrival there is what the new line records.
    /// </summary>
    public static List<string>? EnteredBefore(HistoryEntry[] taken, string? lineElement)
    {
        List<string>? elements = null;
        for (var n = 0; n < taken.Length; n++)
        {
            if (taken[n].ElementId is { } element && !(n == taken.Length - 1 && element == lineElement))
            {
                (elements ??= []).Add(element);
            }
        }
        return elements;
    }

    public void TaskCompleted(ProcessInstance instance, WorkItem task, TaskCompletion completion)
    {
        var note = Completion is { } n && n.TaskId == task.Id ? n : null;
        Add(instance.Id, HistoryKinds.TaskCompleted, task.ElementId, new
        {
            taskId = task.Id,
            outcome = completion.Outcome,
            reasonCode = completion.ReasonCode,
            reason = completion.Reason,
            // Duty and direction make the ledger enough for the backward trace: who entered, who reviewed, who returned.
            duty = note?.Duty,
            forward = note?.Forward,
            fields = note is { Edits.Count: > 0 } ? note.Edits.Select(e => new { name = e.Name, before = e.Before, after = e.After }) : null,
        }, completion.Outcome);
        if (note?.Overridden is { } reviewer)
        {
            Add(instance.Id, HistoryKinds.ResponsibilityShifted, task.ElementId, new
            {
                taskId = task.Id,
                from = reviewer.ActingFor ?? reviewer.By,
                fromStep = reviewer.ElementId,
                fromOutcome = reviewer.Outcome,
                to = actor?.OnBehalfOf,
                reasonCode = completion.ReasonCode,
                reason = completion.Reason,
            }, completion.Outcome);
        }
    }

    public void IncidentRaised(ProcessInstance instance, Incident incident) =>
        Add(instance.Id, HistoryKinds.Incident, incident.ElementId, new { incidentId = incident.Id, code = incident.Code, message = incident.Message });

    public void InstanceEnded(ProcessInstance instance) =>
        Add(instance.Id, HistoryKinds.Ended, null, new { status = instance.Status.ToString().ToLowerInvariant(), entered = EnteredBefore(TakeEntered(instance.Id), null) });
}
