namespace Workflow.Engine.Runtime;

/// <summary>
/// Something a command asks of the world outside one instance: starting or cancelling a called
/// process, or telling the caller that a called process ended. The runtime that stores instances carries them out.
/// </summary>
public abstract record EngineEffect;

/// <summary>A call activity wants a new instance of <paramref name="ProcessId"/>.</summary>
public sealed record StartChildEffect(Guid ChildInstanceId, Guid ParentInstanceId, int ParentTokenId, string ProcessId,
    Dictionary<string, object?> Variables, string? BusinessKey) : EngineEffect;

/// <summary>A called instance must be cancelled because its call activity was interrupted.</summary>
public sealed record CancelChildEffect(Guid ChildInstanceId) : EngineEffect;

/// <summary>A called instance completed; its caller continues.</summary>
public sealed record ChildCompletedEffect(Guid ParentInstanceId, int ParentTokenId, Guid ChildInstanceId,
    IReadOnlyDictionary<string, object?> Variables) : EngineEffect;

/// <summary>A called instance ended with an uncaught error; its caller handles it.</summary>
public sealed record ChildFailedEffect(Guid ParentInstanceId, int ParentTokenId, Guid ChildInstanceId, string? ErrorCode, string Message) : EngineEffect;
