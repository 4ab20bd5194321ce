namespace Workflow.Engine.Runtime;

/// <summary>An expected refusal of a command: the command changed nothing.</summary>
/// <param name="Code">Stable code, see <see cref="EngineErrors"/>.</param>
/// <param name="Message">Readable English explanation.</param>
public sealed record EngineError(string Code, string Message)
{
    /// <summary>Every problem an <see cref="ICompletionCheck"/> found, when it refused a completion; empty otherwise.</summary>
    public IReadOnlyList<CompletionProblem> Problems { get; init; } = [];
    /// <summary>Name of the accountability rule that refused the command, when a rule did.</summary>
    public string? Rule { get; init; }
}

/// <summary>Codes of <see cref="EngineError"/>.</summary>
public static class EngineErrors
{
#pragma warning disable CS1591 // the names are the documentation
    public const string NotRunning = "instance-not-running";
    public const string TaskNotFound = "task-not-found";
    public const string TimerNotFound = "timer-not-found";
    public const string SubscriptionNotFound = "subscription-not-found";
    public const string IncidentNotFound = "incident-not-found";
    public const string OutcomeRequired = "outcome-required";
    public const string OutcomeUnknown = "outcome-unknown";
    public const string ReasonRequired = "reason-required";
    public const string ReasonCodeRequired = "reason-code-required";
    public const string ReasonCodeUnknown = "reason-code-unknown";
    public const string FieldRequired = "field-required";
    public const string InvalidValue = "invalid-value";
    public const string DefinitionMismatch = "definition-mismatch";
    public const string TaskClaimed = "task-claimed";
    public const string TaskNotClaimed = "task-not-claimed";
#pragma warning restore CS1591
}
