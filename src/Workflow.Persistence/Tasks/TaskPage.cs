namespace Workflow.Persistence.Tasks;

/// <summary>One page of an inbox.</summary>
/// <param name="Items">The rows of the page.</param>
/// <param name="Total">How many rows the query has over all pages.</param>
public sealed record TaskPage(IReadOnlyList<TaskSummary> Items, int Total);
