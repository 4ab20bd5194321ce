using System.Text.RegularExpressions;

namespace Workflow.Host.Features.Identity;

/// <summary>Checks of user ids and role codes given to the account and delegation endpoints.</summary>
public static partial class AccountInput
{
    /// <summary>Why <paramref name="id"/> is not a valid user id, or null.</summary>
    public static string? BadId(string? id) =>
        id is not null && IdPattern().IsMatch(id) ? null : "用户名为 2–100 个字母、数字或 . _ - · A user id is 2–100 letters, digits, '.', '_' or '-'";

    /// <summary>Why <paramref name="roles"/> are not valid role codes, or null.</summary>
    public static string? BadRoles(IEnumerable<string>? roles) =>
        roles is not null && roles.All(r => RolePattern().IsMatch(r)) ? null : "角色代码为小写字母和 - · Role codes are lower-case letters and '-'";

    [GeneratedRegex("^[A-Za-z0-9._-]{2,100}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z-]{0,63}$")]
    private static partial Regex RolePattern();
}
