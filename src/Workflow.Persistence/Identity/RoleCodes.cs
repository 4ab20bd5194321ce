namespace Workflow.Persistence.Identity;

/// <summary>How a list of role codes is kept in one text column (<c>users.roles</c>, <c>delegations.roles</c>): comma-separated, each once.</summary>
public static class RoleCodes
{
    /// <summary>The column value for <paramref name="roles"/>, duplicates dropped (role codes contain no commas).</summary>
    public static string Join(IEnumerable<string> roles) => string.Join(',', roles.Distinct(StringComparer.Ordinal));

    /// <summary>The role codes of a column value.</summary>
    public static IReadOnlyList<string> Split(string column) =>
        column.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
