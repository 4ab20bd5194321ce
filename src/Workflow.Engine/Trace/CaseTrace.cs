namespace Workflow.Engine.Trace;

/// <summary>
/// The backward trace (责任倒查) of a case: every step with the people answerable for it, and every field value with who entered
/// it and who checked it, read from the ledger.
/// </summary>
/// <param name="Instances">The instances of the case (the caller chain and everything called), in start order.</param>
/// <param name="Steps">Steps (one per task), in the order they were created.</param>
/// <param name="Fields">Fields by name (ordinal), each with its values.</param>
/// <param name="Filter">The filter applied.</param>
public sealed record CaseTrace(IReadOnlyList<TraceInstance> Instances, IReadOnlyList<TraceStep> Steps, IReadOnlyList<TraceField> Fields, TraceFilter Filter);
