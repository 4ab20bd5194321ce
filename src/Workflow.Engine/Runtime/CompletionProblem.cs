namespace Workflow.Engine.Runtime;

/// <summary>One reason a task completion was refused, found by an <see cref="ICompletionCheck"/>.</summary>
/// <param name="Field">The form field concerned, or null for the outcome, the reason or the whole form.</param>
/// <param name="Code">Stable code (e.g. <c>field-required</c>, <c>code-unknown</c>).</param>
/// <param name="Message">English explanation.</param>
public sealed record CompletionProblem(string? Field, string Code, string Message)
{
    /// <summary>The explanation in other languages, by culture name (e.g. <c>zh-CN</c>); empty when only English exists.</summary>
    public IReadOnlyDictionary<string, string> Translations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
