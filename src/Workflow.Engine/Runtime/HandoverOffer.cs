using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A pending handover of a claimed task: the assignee offered it to another person. Until that person accepts, the
/// task stays with the assignee, who remains answerable for it.
/// </summary>
public sealed class HandoverOffer
{
    /// <summary>The assignee who offered the task.</summary>
    [JsonInclude] public string From { get; internal set; } = "";
    /// <summary>The person the task is offered to.</summary>
    [JsonInclude] public string To { get; internal set; } = "";
    /// <summary>Why the task is handed over, when given.</summary>
    [JsonInclude] public string? Reason { get; internal set; }
    /// <summary>When the offer was made.</summary>
    [JsonInclude] public DateTimeOffset At { get; internal set; }
}
