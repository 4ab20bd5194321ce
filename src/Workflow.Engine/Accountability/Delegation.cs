namespace Workflow.Engine.Accountability;

/// <summary>
/// Permission for one person to act for another ("acting for", out of office) during a time box. The delegator stays
/// visible: every transition made under it records both people.
/// </summary>
/// <param name="From">The delegator: the person acted for.</param>
/// <param name="To">The delegate: the person who acts.</param>
/// <param name="Start">First instant the delegation is valid.</param>
/// <param name="End">First instant it is no longer valid.</param>
public sealed record Delegation(string From, string To, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// The delegator's roles the delegate may act in while acting for them; empty grants no role beyond the delegate's own.
    /// When not empty, the delegation covers only tasks open to one of these roles.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The unit in which the delegate acts for the delegator (usually the delegator's); null: the delegate's own unit.</summary>
    public string? Unit { get; init; }

    /// <summary>Whether the delegation is valid at an instant.</summary>
    public bool IsValidAt(DateTimeOffset at) => Start <= at && at < End;
}
