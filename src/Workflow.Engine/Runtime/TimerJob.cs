using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A timer waiting to fire.</summary>
public sealed class TimerJob
{
    /// <summary>Globally unique timer id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>Index of the timer event node (catch event or boundary event).</summary>
    [JsonInclude] public int Node { get; internal set; }
    /// <summary>Token the timer belongs to (for a boundary: the token in the host activity).</summary>
    [JsonInclude] public int TokenId { get; internal set; }
    /// <summary>When it is due.</summary>
    [JsonInclude] public DateTimeOffset Due { get; internal set; }
    /// <summary>Firings left for cycles; -1 is unbounded.</summary>
    [JsonInclude] public int Remaining { get; internal set; } = 1;
}
