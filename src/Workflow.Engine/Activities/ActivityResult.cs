namespace Workflow.Engine.Activities;

/// <summary>Outcome of a service activity: completed with outputs, a BPMN error for boundary events, or a failure (incident).</summary>
public sealed class ActivityResult
{
    private static readonly ActivityResult Done = new(ActivityResultKind.Completed, null, null, null);

    private ActivityResult(ActivityResultKind kind, IReadOnlyDictionary<string, object?>? outputs, string? errorCode, string? message)
    {
        Kind = kind;
        Outputs = outputs;
        ErrorCode = errorCode;
        Message = message;
    }

    /// <summary>Which outcome.</summary>
    public ActivityResultKind Kind { get; }
    /// <summary>Variables to set on completion.</summary>
    public IReadOnlyDictionary<string, object?>? Outputs { get; }
    /// <summary>BPMN error code for <see cref="ActivityResultKind.BpmnError"/>.</summary>
    public string? ErrorCode { get; }
    /// <summary>Explanation for errors and failures.</summary>
    public string? Message { get; }

    /// <summary>Completed, optionally setting variables.</summary>
    public static ActivityResult Completed(IReadOnlyDictionary<string, object?>? outputs = null) =>
        outputs is null ? Done : new(ActivityResultKind.Completed, outputs, null, null);

    /// <summary>A business error that an error boundary event may catch.</summary>
    public static ActivityResult Error(string errorCode, string message) => new(ActivityResultKind.BpmnError, null, errorCode, message);

    /// <summary>A technical failure: the token stops with an incident.</summary>
    public static ActivityResult Failure(string message) => new(ActivityResultKind.Failure, null, null, message);
}

/// <summary>Kinds of <see cref="ActivityResult"/>.</summary>
public enum ActivityResultKind
{
    /// <summary>Done.</summary>
    Completed,
    /// <summary>BPMN error.</summary>
    BpmnError,
    /// <summary>Technical failure.</summary>
    Failure,
}
