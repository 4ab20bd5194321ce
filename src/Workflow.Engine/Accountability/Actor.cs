namespace Workflow.Engine.Accountability;

/// <summary>
/// Who causes a transition: an authenticated person (their id, the roles they hold, their unit and, under a delegation,
/// the person they act for), or a system component (a timer, a rule, an integration) named as such. The engine trusts the
/// caller to have authenticated the person; it refuses human transitions without one.
/// </summary>
public sealed class Actor
{
    private Actor(string id, bool isSystem, IReadOnlyList<string> roles, string? unit, string? actingFor)
    {
        Id = id;
        IsSystem = isSystem;
        Roles = roles;
        Unit = unit;
        ActingFor = actingFor;
    }

    /// <summary>The person's user id, or the system component's name.</summary>
    public string Id { get; }

    /// <summary>True for a system component; false for a person.</summary>
    public bool IsSystem { get; }

    /// <summary>Role codes the person holds; empty for a system component.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The person's unit, when they belong to one.</summary>
    public string? Unit { get; }

    /// <summary>The person this one acts for (the delegator) under a delegation, or null when acting in their own name.</summary>
    public string? ActingFor { get; }

    /// <summary>The person in whose name the transition is made: the delegator when acting for someone, else the actor.</summary>
    public string OnBehalfOf => ActingFor ?? Id;

    /// <summary>An authenticated person.</summary>
    /// <param name="id">User id; never a shared or anonymous account.</param>
    /// <param name="roles">Role codes held.</param>
    /// <param name="unit">Unit, when any.</param>
    /// <param name="actingFor">The delegator's user id, when acting for someone; checked against the delegations at each transition.</param>
    /// <exception cref="ArgumentException">The id is blank, or the person would act for themselves.</exception>
    public static Actor Person(string id, IEnumerable<string>? roles = null, string? unit = null, string? actingFor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (actingFor is not null && (string.IsNullOrWhiteSpace(actingFor) || actingFor == id))
        {
            throw new ArgumentException("a person acts for someone else, named by a non-blank user id", nameof(actingFor));
        }
        var held = roles?.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        return new Actor(id.Trim(), false, held, string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(), actingFor?.Trim());
    }

    /// <summary>A system component (timer, rule, integration), named so that the history says what acted.</summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    public static Actor System(string component)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        return new Actor(component.Trim(), true, [], null, null);
    }

    /// <summary>Whether the actor holds a role.</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => IsSystem ? $"system:{Id}" : ActingFor is null ? Id : $"{Id} (acting for {ActingFor})";
}
