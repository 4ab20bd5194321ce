using Workflow.Engine.Trace;

namespace Workflow.Persistence.Ledger;

/// <summary>A backward trace read from the ledger, with the verification of the streams it was read from.</summary>
/// <param name="Trace">The trace.</param>
/// <param name="Verification">
/// The chains of the case's instances checked against their entries and heads: when it is not <c>Ok</c>, the record the trace
/// was read from has been tampered with, and the trace must not be relied on.
/// </param>
/// <param name="Warnings">Inconsistencies between the ledger and the instance index found while assembling the case.</param>
public sealed record LedgerTrace(CaseTrace Trace, LedgerVerification Verification, IReadOnlyList<string> Warnings);
