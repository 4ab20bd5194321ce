namespace Workflow.Persistence.Tasks;

/// <summary>
/// Whether a candidate row offers its task to the role now. Stored as text and compared by equality, so that the
/// inbox's index on it is usable on every database (a bare boolean column in a WHERE clause is not, on SQLite).
/// </summary>
public enum CandidateState
{
    /// <summary>The task is open and nobody holds it: holders of the role in its unit may claim it.</summary>
    Claimable,

    /// <summary>Someone holds the task, or it is closed.</summary>
    Taken,
}
