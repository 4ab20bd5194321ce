using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A token that cannot go on without help: no matching flow, a failing expression, an uncaught error.</summary>
public sealed class Incident
{
    /// <summary>Id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>The stopped token.</summary>
    [JsonInclude] public int TokenId { get; internal set; }
    /// <summary>BPMN id of the element where it stopped.</summary>
    [JsonInclude] public string ElementId { get; internal set; } = "";
    /// <summary>Stable code, e.g. no-matching-flow.</summary>
    [JsonInclude] public string Code { get; internal set; } = "";
    /// <summary>Readable explanation.</summary>
    [JsonInclude] public string Message { get; internal set; } = "";
    /// <summary>When it happened.</summary>
    [JsonInclude] public DateTimeOffset At { get; internal set; }
}
