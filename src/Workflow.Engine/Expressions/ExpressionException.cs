namespace Workflow.Engine.Expressions;

/// <summary>An expression or script failed to compile or to evaluate.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="source">The expression or script text.</param>
    /// <param name="message">A readable English message that names the text.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ExpressionException(ExpressionErrorKind kind, string source, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ExpressionText = source;
    }

    /// <summary>What went wrong.</summary>
    public ExpressionErrorKind Kind { get; }

    /// <summary>The expression or script text that failed.</summary>
    public string ExpressionText { get; }
}
