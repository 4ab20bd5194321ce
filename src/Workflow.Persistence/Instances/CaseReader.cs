namespace Workflow.Persistence.Instances;

/// <summary>A person asking to read cases, as <see cref="CaseQueries.InvolvingAsync"/> matches them: their id, unit and roles.</summary>
/// <param name="UserId">The person's id, as the ledger and the tasks name them.</param>
/// <param name="Unit">Their unit, or null.</param>
/// <param name="Roles">Their role codes (for tasks any unit may claim).</param>
public sealed record CaseReader(string UserId, string? Unit, IReadOnlyCollection<string> Roles);
