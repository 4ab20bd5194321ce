namespace Workflow.Engine.Trace;

/// <summary>An instance of the traced case, as its <c>started</c> entry records it.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="ProcessId">Process definition id.</param>
/// <param name="Version">Definition version it ran.</param>
/// <param name="BusinessKey">Business key, when any.</param>
/// <param name="ParentId">The instance that called it, when any.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="StartedBy">Who started it (a person, or the caller's actor for a called instance).</param>
public sealed record TraceInstance(Guid Id, string? ProcessId, int? Version, string? BusinessKey, Guid? ParentId, DateTimeOffset? StartedAt, TracePerson? StartedBy)
{
    /// <summary>The caller's call activity that started it, as the caller's <c>called</c> entry records it; null when none does.</summary>
    public string? CalledFrom { get; init; }
}
