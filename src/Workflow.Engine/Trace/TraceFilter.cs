namespace Workflow.Engine.Trace;

/// <summary>Narrows a backward trace; both null: the whole case.</summary>
/// <param name="Field">A variable name: only its values, and the steps that entered or checked them.</param>
/// <param name="Step">An element id or a task id: only that step (every time it ran), and the values entered there.</param>
public sealed record TraceFilter(string? Field = null, string? Step = null)
{
    /// <summary>The whole case.</summary>
    public static TraceFilter None { get; } = new();
}
