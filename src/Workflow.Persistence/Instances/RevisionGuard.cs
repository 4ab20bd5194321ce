using System.Data.Common;

namespace Workflow.Persistence.Instances;

/// <summary>
/// PostgreSQL: a revision-checked <c>UPDATE</c> that fails, instead of updating no row, when another command saved the instance
/// first. A save can then go to the server as one batch (<see cref="SaveWork.OneTripAsync"/>): the error rolls the batch's
/// transaction back, where an update of no rows would have let the rest commit. The function is created by the PostgreSQL
/// migration <c>RevisionGuard</c>.
/// </summary>
internal static class RevisionGuard
{
    /// <summary>The SQLSTATE the function raises (a class of our own, not one PostgreSQL uses).</summary>
    public const string SqlState = "WF409";

    /// <summary>Raises <see cref="SqlState"/> unless its first argument is 1; the message ends with the instance id.</summary>
    public const string Function = "workflow_expect_one_saved";

    /// <summary>What the message says before the instance id.</summary>
    public const string MessagePrefix = "revision conflict on instance ";

    public const string Before = "WITH saved AS (";
    public const string After = " RETURNING 1) SELECT " + Function + "(count(*), ";
    public const string Close = ") FROM saved";

    /// <summary>The instance a failed batch met a conflict on, or null when <paramref name="failure"/> is something else.</summary>
    public static Guid? ConflictOf(Exception failure)
    {
        if (failure is not DbException { SqlState: SqlState } e)
        {
            return null;
        }
        var at = e.Message.IndexOf(MessagePrefix, StringComparison.Ordinal);
        return at >= 0 && Guid.TryParse(e.Message.AsSpan(at + MessagePrefix.Length, Math.Min(36, e.Message.Length - at - MessagePrefix.Length)), out var id)
            ? id
            : null;
    }
}
