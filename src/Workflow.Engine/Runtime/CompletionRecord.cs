using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Who completed a step of an instance, in which duty and with which decision. Kept in the state so that separation of
/// duties and overrides can be checked across the case without reading the history.
/// </summary>
public sealed class CompletionRecord
{
    /// <summary>BPMN id of the completed task.</summary>
    [JsonInclude] public string ElementId { get; internal set; } = "";
    /// <summary>The person who completed it.</summary>
    [JsonInclude] public string By { get; internal set; } = "";
    /// <summary>The person <see cref="By"/> acted for under a delegation, when any; the step counts as theirs too.</summary>
    [JsonInclude] public string? ActingFor { get; internal set; }
    /// <summary>The step's duty (wf:duty), when declared.</summary>
    [JsonInclude] public string? Duty { get; internal set; }
    /// <summary>Chosen outcome, when the step offers outcomes.</summary>
    [JsonInclude] public string? Outcome { get; internal set; }
    /// <summary>True when the outcome was the step's forward (first) one, or the step offers none.</summary>
    [JsonInclude] public bool Forward { get; internal set; }
    /// <summary>When.</summary>
    [JsonInclude] public DateTimeOffset At { get; internal set; }

    /// <summary>Whether the step was done by, or in the name of, one of these people.</summary>
    public bool Involves(string person) => By == person || ActingFor == person;
}
