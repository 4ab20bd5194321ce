using System.Text.Json;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Trace;

/// <summary>
/// Writes ledger streams the way the durable runtime writes them (kinds and JSON details of HistoryRecorder and the
/// runtime's own lines), a minute apart, so that the trace builder can be tested without a runtime or a database.
/// </summary>
internal sealed class LedgerLines(Guid instanceId, DateTimeOffset start)
{
    private readonly List<HistoryEntry> _entries = [];
    private readonly Dictionary<string, Guid> _tasks = [];
    private DateTimeOffset _now = start;

    public Guid InstanceId { get; } = instanceId;

    public IReadOnlyList<HistoryEntry> Entries => _entries;

    public DateTimeOffset Now => _now;

    public Guid Task(string elementId) => _tasks[elementId];

    public LedgerLines Started(string processId, (string Id, string? Role, string? Unit) by, Guid? parent = null, string? businessKey = "J-1") =>
        Add("started", null, by, new { processId, version = 1, businessKey, parentInstanceId = parent });

    /// <summary>The line the runtime writes on the caller's stream when its call activity starts <paramref name="called"/>.</summary>
    public LedgerLines Called(string elementId, (string Id, string? Role, string? Unit) by, Guid called, string processId) =>
        Add("called", elementId, by, new { calledInstanceId = called, processId, version = 1 });

    public LedgerLines Created(string elementId, string? assignee = null)
    {
        _tasks[elementId] = Guid.NewGuid();
        return Add("task-created", elementId, ("engine", null, null), new { taskId = _tasks[elementId], assignee });
    }

    public LedgerLines Claimed(string elementId, (string Id, string? Role, string? Unit) by, string? actingFor = null) =>
        Add("claimed", elementId, by, new { taskId = _tasks[elementId], assignee = actingFor ?? by.Id }, actingFor: actingFor);

    public LedgerLines Offered(string elementId, (string Id, string? Role, string? Unit) by, string to, string reason) =>
        Add("handover-offered", elementId, by, new { taskId = _tasks[elementId], from = by.Id, to, reason });

    public LedgerLines Accepted(string elementId, (string Id, string? Role, string? Unit) by, string from) =>
        Add("handover-accepted", elementId, by, new { taskId = _tasks[elementId], from, to = by.Id }, "accept");

    public LedgerLines Completed(string elementId, (string Id, string? Role, string? Unit) by, string? duty, string? outcome = null, bool forward = true,
        string? reasonCode = null, string? reason = null, string? actingFor = null, params (string Name, string? Before, string After)[] fields) =>
        Add("task-completed", elementId, by, new
        {
            taskId = _tasks[elementId],
            outcome,
            reasonCode,
            reason,
            duty,
            forward,
            fields = fields.Length == 0 ? null : fields.Select(f => f.Before is null
                ? (object)new { name = f.Name, after = f.After }
                : new { name = f.Name, before = f.Before, after = f.After }),
        }, outcome, actingFor);

    /// <summary>The line the runtime writes right after an overriding completion, in the same command (same time).</summary>
    public LedgerLines Shifted(string elementId, (string Id, string? Role, string? Unit) by, string from, string fromStep, string fromOutcome,
        string reasonCode, string reason)
    {
        _now -= TimeSpan.FromMinutes(1);
        return Add("responsibility-shifted", elementId, by, new { taskId = _tasks[elementId], from, fromStep, fromOutcome, to = by.Id, reasonCode, reason },
            "override");
    }

    public LedgerLines AmendmentProposed(Guid amendmentId, (string Id, string? Role, string? Unit) by, string name, string before, string after) =>
        Add("amendment-proposed", null, by, new { amendmentId, fields = new[] { new { name, before, after } }, reasonCode = "clerical", reason = "笔误" });

    public LedgerLines AmendmentApplied(Guid amendmentId, (string Id, string? Role, string? Unit) by, string proposedBy, string name, string before, string after) =>
        Add("amendment-applied", null, by, new { amendmentId, fields = new[] { new { name, before, after } }, proposedBy }, "approve");

    private LedgerLines Add(string kind, string? elementId, (string Id, string? Role, string? Unit) by, object data, string? outcome = null, string? actingFor = null)
    {
        _entries.Add(new HistoryEntry(InstanceId, _now, kind, elementId, by.Id, JsonSerializer.Serialize(data))
        {
            Role = by.Role,
            Unit = by.Unit,
            ActingFor = actingFor,
            Outcome = outcome,
        });
        _now += TimeSpan.FromMinutes(1);
        return this;
    }
}
