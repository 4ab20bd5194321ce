using System.Text.Json;
using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Host.Features.Instances;

/// <summary>JSON views of instances for the API.</summary>
public static class InstanceJson
{
    /// <summary>Summary of an instance: status, open tasks, timers, incidents, variables.</summary>
    public static object Summary(ProcessInstance i) => new
    {
        id = i.Id,
        processId = i.ProcessId,
        version = i.Version,
        businessKey = i.BusinessKey,
        status = i.Status.ToString().ToLowerInvariant(),
        parentInstanceId = i.ParentInstanceId,
        startedAt = i.StartedAt,
        endedAt = i.EndedAt,
        tasks = i.Tasks.Select(t => new
        {
            id = t.Id,
            elementId = t.ElementId,
            unit = t.Unit,
            assignee = t.Assignee,
            offeredTo = t.Offer?.To,
            createdAt = t.CreatedAt,
            dueAt = t.DueAt,
        }),
        timers = i.Timers.Select(t => new { id = t.Id, due = t.Due }),
        incidents = i.Incidents.Select(x => new { id = x.Id, elementId = x.ElementId, code = x.Code, message = x.Message, at = x.At }),
        variables = i.Variables,
        locked = i.Locks?.Keys,
        amendments = i.Amendments?.Select(a => new { id = a.Id, status = a.Status.ToString().ToLowerInvariant(), proposedBy = a.ProposedBy, fields = a.Changes.Select(c => c.Name) }),
    };

    /// <summary>One history line.</summary>
    public static object History(HistoryEntry h) => new
    {
        at = h.At,
        kind = h.Kind,
        elementId = h.ElementId,
        actor = h.Actor,
        role = h.Role,
        unit = h.Unit,
        actingFor = h.ActingFor,
        outcome = h.Outcome,
        data = h.Data,
    };

    /// <summary>Turns request JSON into engine variables (JSON-shaped values).</summary>
    public static Dictionary<string, object?>? Variables(Dictionary<string, JsonElement>? json) =>
        json?.ToDictionary(kv => kv.Key, kv => JsValues.Normalize(kv.Value), StringComparer.Ordinal);
}
