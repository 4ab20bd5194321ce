namespace Workflow.Persistence.Identity;

/// <summary>
/// A time-boxed "acting for" grant (DOMAIN §4.15): <see cref="To"/> may act for <see cref="From"/> between
/// <see cref="StartsAt"/> and <see cref="EndsAt"/>. Revoking ends it early; rows are never deleted, so the grant under
/// which a past transition was made can always be shown.
/// </summary>
public sealed class DelegationRow
{
    /// <summary>Identity.</summary>
    public Guid Id { get; set; }
    /// <summary>The delegator: the person acted for.</summary>
    public string From { get; set; } = "";
    /// <summary>The delegate: the person who acts.</summary>
    public string To { get; set; } = "";
    /// <summary>First instant the grant is valid.</summary>
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>First instant it is no longer valid.</summary>
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The delegator's roles covered, comma-separated; empty: the delegate's own roles only.</summary>
    public string Roles { get; set; } = "";
    /// <summary>The unit the delegate acts in; null: their own.</summary>
    public string? Unit { get; set; }
    /// <summary>Why (leave, training, …), as the granting person wrote it.</summary>
    public string Reason { get; set; } = "";
    /// <summary>Who granted it: the delegator or an administrator.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>When it was granted.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; set; }

    /// <summary>The role codes as a list.</summary>
    public IReadOnlyList<string> RoleList => RoleCodes.Split(Roles);
}
