using System.Diagnostics.CodeAnalysis;

namespace Workflow.Engine.Expressions;

/// <summary>The outcome of compiling an expression or script: a value or a readable error.</summary>
/// <typeparam name="T">What compilation produces.</typeparam>
public sealed class CompileResult<T>
    where T : class
{
    private CompileResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>True when <see cref="Value"/> is set; false when <see cref="Error"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;

    /// <summary>The compiled code, when compilation succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why compilation failed, e.g. "JavaScript syntax error at 1:5: Unexpected token".</summary>
    public string? Error { get; }

    internal static CompileResult<T> Ok(T value) => new(value, null);

    internal static CompileResult<T> Fail(string error) => new(null, error);
}
