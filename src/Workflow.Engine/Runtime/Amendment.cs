using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A proposed correction of locked variables, linked to the record (instance) it corrects. Its changes apply only
/// after someone other than the proposer, eligible for the step that locked the variables, has reviewed it again.
/// </summary>
public sealed class Amendment
{
    /// <summary>Id.</summary>
    [JsonInclude] public Guid Id { get; internal set; }
    /// <summary>The changes: each locked variable with its value when proposed and the value proposed.</summary>
    [JsonInclude] public List<FieldEdit> Changes { get; internal set; } = [];
    /// <summary>Coded reason for the correction.</summary>
    [JsonInclude] public string ReasonCode { get; internal set; } = "";
    /// <summary>Reason text.</summary>
    [JsonInclude] public string Reason { get; internal set; } = "";
    /// <summary>Who proposed it.</summary>
    [JsonInclude] public string ProposedBy { get; internal set; } = "";
    /// <summary>The person the proposer acted for, when any.</summary>
    [JsonInclude] public string? ProposedActingFor { get; internal set; }
    /// <summary>When it was proposed.</summary>
    [JsonInclude] public DateTimeOffset ProposedAt { get; internal set; }
    /// <summary>Where it stands.</summary>
    [JsonInclude] public AmendmentStatus Status { get; internal set; }
    /// <summary>Who reviewed it, once reviewed.</summary>
    [JsonInclude] public string? ReviewedBy { get; internal set; }
    /// <summary>When it was reviewed.</summary>
    [JsonInclude] public DateTimeOffset? ReviewedAt { get; internal set; }
    /// <summary>Coded reason of a rejection.</summary>
    [JsonInclude] public string? ReviewReasonCode { get; internal set; }
    /// <summary>Reason text of a rejection.</summary>
    [JsonInclude] public string? ReviewReason { get; internal set; }
}
