namespace Workflow.Persistence.Definitions;

/// <summary>Who publishes a definition version, as the ledger's <c>definition-published</c> entry names them.</summary>
/// <param name="Id">The person's id, or the system component that deployed.</param>
/// <param name="Role">The role they published in, when a person did.</param>
/// <param name="Unit">Their unit, when they have one.</param>
public sealed record Publisher(string Id, string? Role = null, string? Unit = null);

