namespace Workflow.Host.Features.Identity;

/// <summary>An account as the API shows it (never the password hash).</summary>
public sealed record UserView(string Id, string DisplayName, string? Unit, IReadOnlyList<string> Roles, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
