using Workflow.Engine.Storage;

namespace Workflow.Engine.Trace;

/// <summary>One instance's ledger stream, as read back from the record: the input of <see cref="CaseTraceBuilder"/>.</summary>
/// <param name="InstanceId">The instance (the stream).</param>
/// <param name="Entries">Its entries in stream order.</param>
public sealed record TracedStream(Guid InstanceId, IReadOnlyList<HistoryEntry> Entries);
