namespace Workflow.Persistence.Ledger;

/// <summary>
/// One entry of the accountability ledger: a line of an instance's history (or, in the global stream, an event outside
/// instances), chained to the entry before it in its stream by <see cref="PrevHash"/>. Written once, never changed:
/// the properties are init-only, the store has no update or delete path, and the database refuses both (triggers).
/// </summary>
public sealed class LedgerRow
{
    /// <summary>Database-generated, increasing in insertion order; not hashed (see docs/decisions/ADR-007-ledger.md).</summary>
    public long Id { get; init; }
    /// <summary>The stream: the instance, or <see cref="Guid.Empty"/> for the global stream.</summary>
    public Guid InstanceId { get; init; }
    /// <summary>Position in the stream: 1, 2, … without gaps.</summary>
    public long Seq { get; init; }
    /// <summary>When it happened (engine time), in whole microseconds.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The part of the system that wrote it (<see cref="LedgerComponents"/>).</summary>
    public string Component { get; init; } = "";
    /// <summary>The event type: started, task-completed, definition-published, …</summary>
    public string Kind { get; init; } = "";
    /// <summary>BPMN element, when there is one.</summary>
    public string? ElementId { get; init; }
    /// <summary>Who caused it: a user id, or the system component that acted.</summary>
    public string? Actor { get; init; }
    /// <summary>The role the actor acted in.</summary>
    public string? Role { get; init; }
    /// <summary>The actor's unit.</summary>
    public string? Unit { get; init; }
    /// <summary>The person the actor stood in for, under a delegation.</summary>
    public string? ActingFor { get; init; }
    /// <summary>The decision taken, when the entry records one.</summary>
    public string? Outcome { get; init; }
    /// <summary>Details as JSON, when any.</summary>
    public string? Data { get; init; }
    /// <summary>The <see cref="Hash"/> of the entry before it in the stream; 32 zero bytes for the first.</summary>
    public byte[] PrevHash { get; init; } = [];
    /// <summary>SHA-256 of the entry's canonical encoding (<see cref="LedgerHash"/>), which covers <see cref="PrevHash"/>.</summary>
    public byte[] Hash { get; init; } = [];
}
