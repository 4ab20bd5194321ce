using System.Globalization;
using Acornima;
using Jint;
using Jint.Runtime;

namespace Workflow.Engine.Expressions;

/// <summary>Builds the messages users see, so that every failure names the code and the broken rule.</summary>
internal static class ExpressionErrors
{
    private const int MaxQuotedLength = 120;

    public static string Syntax(ParseErrorException ex) =>
        string.Create(CultureInfo.InvariantCulture, $"JavaScript syntax error at {ex.LineNumber}:{ex.Column + 1}: {ex.Description}");

    /// <summary>Maps whatever an evaluation threw to an <see cref="ExpressionException"/>.</summary>
    public static ExpressionException From(Exception ex, string subject, string source, SandboxOptions options)
    {
        var quoted = $"{subject} '{Quote(source)}'";
        return ex switch
        {
            ExpressionException already => already,
            TimeoutException => Create(ExpressionErrorKind.Timeout, $"{quoted} exceeded the time limit of {options.Timeout.TotalMilliseconds} ms."),
            StatementsCountOverflowException => Create(ExpressionErrorKind.StatementLimit, $"{quoted} exceeded the limit of {options.MaxStatements} statements."),
            MemoryLimitExceededException => Create(ExpressionErrorKind.MemoryLimit, $"{quoted} exceeded the memory limit of {options.MemoryLimitBytes} bytes."),
            RecursionDepthOverflowException => Create(ExpressionErrorKind.RecursionLimit, $"{quoted} exceeded the recursion depth limit of {options.MaxRecursionDepth}."),
            ParseErrorException parse => Create(ExpressionErrorKind.Syntax, $"{quoted} failed: {Syntax(parse)}"),
            ScriptPreparationException { InnerException: ParseErrorException parse } => Create(ExpressionErrorKind.Syntax, $"{quoted} failed: {Syntax(parse)}"),
            _ => Create(ExpressionErrorKind.Runtime, $"{quoted} failed: {ex.Message}"),
        };

        ExpressionException Create(ExpressionErrorKind kind, FormattableString message) =>
            new(kind, source, message.ToString(CultureInfo.InvariantCulture), ex);
    }

    // Long scripts would drown the message; the full text stays on ExpressionException.ExpressionText.
    private static string Quote(string source)
    {
        var flat = string.Join(' ', source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxQuotedLength ? flat : string.Concat(flat.AsSpan(0, MaxQuotedLength), "...");
    }
}
