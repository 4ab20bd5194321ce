using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A variable made read-only by the completion of a step that locks it (wf:locks).</summary>
public sealed class FieldLock
{
    /// <summary>BPMN id of the step whose completion locked the variable.</summary>
    [JsonInclude] public string ElementId { get; internal set; } = "";
    /// <summary>Candidate roles of that step when it locked: an amendment's reviewer must hold one (none: anyone).</summary>
    [JsonInclude] public List<string>? Roles { get; internal set; }
    /// <summary>Unit of that step's task, when it had one: an amendment's reviewer must belong to it.</summary>
    [JsonInclude] public string? Unit { get; internal set; }
    /// <summary>Who completed that step.</summary>
    [JsonInclude] public string By { get; internal set; } = "";
    /// <summary>When.</summary>
    [JsonInclude] public DateTimeOffset At { get; internal set; }
}
