namespace Workflow.Activities.Validation;

/// <summary>Codes of <see cref="ValidationProblem"/>; the first four are the engine's own codes for the same refusals.</summary>
public static class ProblemCodes
{
    /// <summary>The task declares outcomes and none was chosen.</summary>
    public const string OutcomeRequired = "outcome-required";
    /// <summary>The outcome is not one the task offers (or the task offers none).</summary>
    public const string OutcomeUnknown = "outcome-unknown";
    /// <summary>The outcome needs free text and none was given.</summary>
    public const string ReasonRequired = "reason-required";
    /// <summary>A required field has no value.</summary>
    public const string FieldRequired = "field-required";
    /// <summary>The outcome needs a coded reason (<c>reasonCode</c>) and none was given.</summary>
    public const string ReasonCodeRequired = "reason-code-required";
    /// <summary>The coded reason is not one that applies to the outcome.</summary>
    public const string ReasonCodeUnknown = "reason-code-unknown";
    /// <summary>The form carries a value the task does not declare (facts are only written where a step declares them).</summary>
    public const string FieldUnknown = "field-unknown";
    /// <summary>The value has the wrong type (text for a number, and so on).</summary>
    public const string FieldType = "field-type";
    /// <summary>The value is not a code of the field's code list.</summary>
    public const string CodeUnknown = "code-unknown";
    /// <summary>The text is longer than allowed.</summary>
    public const string TooLong = "too-long";
    /// <summary>The number is outside its range or not whole.</summary>
    public const string OutOfRange = "out-of-range";
    /// <summary>The text does not have the expected form.</summary>
    public const string Format = "format";
    /// <summary>A time that records what happened lies in the future.</summary>
    public const string InFuture = "in-future";
    /// <summary>The activity type is not in the catalogue.</summary>
    public const string ActivityUnknown = "activity-unknown";
    /// <summary>A rule across fields is broken; the message says which.</summary>
    public const string Rule = "rule";
    /// <summary>An extension asked for after the deadline passed (extensions are never retroactive).</summary>
    public const string Retroactive = "retroactive";
    /// <summary>The acting person's role may not decide this (checked only when the roles are known: the durable runtime's <c>deciding-level</c> rule).</summary>
    public const string RoleInsufficient = "role-insufficient";
}
