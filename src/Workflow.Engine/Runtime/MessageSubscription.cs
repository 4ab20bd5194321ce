using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A wait for a named message, correlated by the instance's business key.</summary>
public sealed class MessageSubscription
{
    /// <summary>Globally unique id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>Index of the catching node (catch event, boundary event or receive task).</summary>
    [JsonInclude] public int Node { get; internal set; }
    /// <summary>Token the subscription belongs to.</summary>
    [JsonInclude] public int TokenId { get; internal set; }
    /// <summary>Message name.</summary>
    [JsonInclude] public string MessageName { get; internal set; } = "";
}
