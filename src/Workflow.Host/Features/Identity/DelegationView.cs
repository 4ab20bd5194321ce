namespace Workflow.Host.Features.Identity;

/// <summary>A delegation as the API shows it.</summary>
public sealed record DelegationView(Guid Id, string From, string To, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Roles,
    string? Unit, string Reason, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedBy);
