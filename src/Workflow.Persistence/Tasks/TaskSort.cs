namespace Workflow.Persistence.Tasks;

/// <summary>Order of an inbox page.</summary>
public enum TaskSort
{
    /// <summary>Earliest due first, tasks without a due time last, then oldest first.</summary>
    DueAt,
    /// <summary>Oldest first.</summary>
    CreatedAt,
}
