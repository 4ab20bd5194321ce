using System.Diagnostics.CodeAnalysis;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>
/// Outcome of a durable command: success, or an expected refusal after which nothing was saved.
/// Refusals are values, not exceptions; only faults of the store itself are thrown.
/// </summary>
public class DurableResult
{
    private static readonly DurableResult Ok = new(null);

    private protected DurableResult(EngineError? error) => Error = error;

    /// <summary>The refusal, or null on success.</summary>
    public EngineError? Error { get; }

    /// <summary>True when the command was carried out and saved.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success without a value.</summary>
    public static DurableResult Success() => Ok;

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static DurableResult<T> Success<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static DurableResult<T> Failure<T>(EngineError error) => new(default, error);

    /// <summary>A refusal with a code and a readable message.</summary>
    public static DurableResult<T> Failure<T>(string code, string message) => new(default, new EngineError(code, message));
}
