namespace Workflow.Activities.Validation;

/// <summary>One reason a completion is refused.</summary>
/// <param name="Field">The form field concerned (<c>reasonCode</c> for the coded reason), or null for the outcome, the reason or the whole form.</param>
/// <param name="Code">Stable code, see <see cref="ProblemCodes"/>.</param>
/// <param name="MessageZh">Explanation in Chinese, for officers.</param>
/// <param name="MessageEn">Explanation in English.</param>
public sealed record ValidationProblem(string? Field, string Code, string MessageZh, string MessageEn);
