namespace Workflow.Persistence.Identity;

/// <summary>
/// A person who signs in: one account per person (DOMAIN §4.1, no shared accounts). Roles and unit are what the engine's
/// rules check; the password is kept only as a salted PBKDF2 hash.
/// </summary>
public sealed class UserRow
{
    /// <summary>Login name and user id on every ledger entry (e.g. a police number); never reused.</summary>
    public string Id { get; set; } = "";
    /// <summary>The person's name as officers read it.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>Unit code; unit-scoped roles see only their unit's work.</summary>
    public string? Unit { get; set; }
    /// <summary>Role codes, comma-separated (codes contain no commas).</summary>
    public string Roles { get; set; } = "";
    /// <summary>The password hash (<c>pbkdf2-sha256$iterations$salt$hash</c>).</summary>
    public string PasswordHash { get; set; } = "";
    /// <summary>False once the account is disabled: it can no longer sign in or act. Accounts are never deleted.</summary>
    public bool IsActive { get; set; } = true;
    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was last changed (name, unit, roles, state or password).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Wrong passwords in a row since the last successful sign-in or lock (kept here so that every node counts them).</summary>
    public int FailedSignIns { get; set; }
    /// <summary>Until when sign-in is refused after too many wrong passwords, or null.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The role codes as a list.</summary>
    public IReadOnlyList<string> RoleList => RoleCodes.Split(Roles);
}
