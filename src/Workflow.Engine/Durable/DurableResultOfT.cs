using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>A <see cref="DurableResult"/> that carries a value on success.</summary>
/// <typeparam name="T">Type of the value.</typeparam>
public sealed class DurableResult<T> : DurableResult
{
    private readonly T? _value;

    internal DurableResult(T? value, EngineError? error)
        : base(error) => _value = value;

    /// <summary>The value; reading it after a refusal is a programming fault and throws.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"the command was refused ({Error.Code}): {Error.Message}");
}
