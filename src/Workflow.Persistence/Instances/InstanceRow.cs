using Workflow.Engine.Runtime;

namespace Workflow.Persistence.Instances;

/// <summary>
/// One process instance: its whole state as serialised by <see cref="InstanceStateSerializer"/>, plus the
/// few columns that queries filter on. <see cref="Revision"/> is the optimistic-concurrency check.
/// </summary>
public sealed class InstanceRow
{
    /// <summary>Instance id.</summary>
    public Guid Id { get; set; }
    /// <summary>Process id.</summary>
    public string ProcessId { get; set; } = "";
    /// <summary>Definition version the instance runs on.</summary>
    public int Version { get; set; }
    /// <summary>Business key (message correlation), when any.</summary>
    public string? BusinessKey { get; set; }
    /// <summary>Life-cycle state.</summary>
    public InstanceStatus Status { get; set; }
    /// <summary>UTF-8 JSON state.</summary>
    public byte[] State { get; set; } = [];
    /// <summary>1 after the insert, +1 per save.</summary>
    public long Revision { get; set; }
    /// <summary>Start time.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>End time, once ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>
    /// Incidents stopping the instance now (0 once ended); null for a running instance saved before the column existed, until
    /// <see cref="IncidentCounts.BackfillAsync"/> has counted it.
    /// </summary>
    public int? OpenIncidents { get; set; }
    /// <summary>Calling instance, for instances started by a call activity.</summary>
    public Guid? ParentInstanceId { get; set; }
    /// <summary>
    /// Sequence number of the last entry of the instance's ledger stream (0: none yet): the stream's head lives in the row
    /// every save of the instance updates anyway, so moving it costs no statement of its own (ADR-010, amendment 7).
    /// </summary>
    public long LedgerSeq { get; set; }
    /// <summary>Hash of that entry; null while the stream has none.</summary>
    public byte[]? LedgerHash { get; set; }
}
