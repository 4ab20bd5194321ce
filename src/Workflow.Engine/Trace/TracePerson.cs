namespace Workflow.Engine.Trace;

/// <summary>A person as the ledger names them on an entry: who acted, in which role and unit, and for whom.</summary>
/// <param name="Id">Who acted (the delegate, when acting for someone), or the system component.</param>
/// <param name="Role">The role they acted in.</param>
/// <param name="Unit">Their unit.</param>
/// <param name="ActingFor">The delegator, when they acted under a delegation: both are named.</param>
public sealed record TracePerson(string Id, string? Role, string? Unit, string? ActingFor)
{
    /// <summary>In whose name they acted: the delegator when acting for someone, else themselves (as the engine assigns and records steps).</summary>
    public string OnBehalfOf => ActingFor ?? Id;
}
