using Riok.Mapperly.Abstractions;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// Rows to API views, generated at compile time: a column added to a row without a decision about the view is a build
/// error (<c>RequiredMappingStrategy.Target</c> plus warnings as errors), so a secret cannot slip into a response.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class IdentityMapper
{
    /// <summary>The view of an account.</summary>
    [MapProperty(nameof(UserRow.RoleList), nameof(UserView.Roles))]
    [MapperIgnoreSource(nameof(UserRow.PasswordHash))]
    [MapperIgnoreSource(nameof(UserRow.Roles))]
    public static partial UserView ToView(this UserRow row);

    /// <summary>The view of a delegation.</summary>
    [MapProperty(nameof(DelegationRow.RoleList), nameof(DelegationView.Roles))]
    [MapperIgnoreSource(nameof(DelegationRow.Roles))]
    public static partial DelegationView ToView(this DelegationRow row);
}
