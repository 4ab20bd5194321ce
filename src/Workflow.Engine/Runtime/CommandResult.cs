namespace Workflow.Engine.Runtime;

/// <summary>Result of an engine command: either an error (nothing changed) or success with effects to carry out.</summary>
public readonly struct CommandResult
{
    private static readonly IReadOnlyList<EngineEffect> NoEffects = [];

    private readonly IReadOnlyList<EngineEffect>? _effects;

    private CommandResult(EngineError? error, IReadOnlyList<EngineEffect>? effects)
    {
        Error = error;
        _effects = effects;
    }

    /// <summary>The refusal, or null on success.</summary>
    public EngineError? Error { get; }
    /// <summary>Effects for the runtime (call activities).</summary>
    public IReadOnlyList<EngineEffect> Effects => _effects ?? NoEffects;
    /// <summary>True on success.</summary>
    public bool Succeeded => Error is null;

    internal static CommandResult Ok(IReadOnlyList<EngineEffect>? effects) => new(null, effects);

    internal static CommandResult Fail(string code, string message) => new(new EngineError(code, message), null);

    internal static CommandResult Fail(EngineError error) => new(error, null);
}
