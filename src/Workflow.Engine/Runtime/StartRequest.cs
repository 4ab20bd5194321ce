namespace Workflow.Engine.Runtime;

/// <summary>Parameters for starting an instance.</summary>
public sealed class StartRequest
{
    /// <summary>Start with no variables and a fresh id.</summary>
    public static readonly StartRequest Empty = new();

    /// <summary>Instance id; a new one is made when null.</summary>
    public Guid? InstanceId { get; init; }
    /// <summary>Business key for message correlation.</summary>
    public string? BusinessKey { get; init; }
    /// <summary>Initial variables.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    /// <summary>Definition version (set by the repository that deployed it).</summary>
    public int Version { get; init; } = 1;
    /// <summary>Calling instance, for call activities.</summary>
    public Guid? ParentInstanceId { get; init; }
    /// <summary>Token of the call activity in the calling instance.</summary>
    public int ParentTokenId { get; init; }
}
