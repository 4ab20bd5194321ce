using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A token: a position in the process graph.</summary>
public sealed class Token
{
    /// <summary>Id, unique within the instance.</summary>
    [JsonInclude] public int Id { get; internal set; }
    /// <summary>Index of the node the token is at.</summary>
    [JsonInclude] public int Node { get; internal set; }
    /// <summary>Scope instance id: 0 for the process, else an embedded subprocess scope.</summary>
    [JsonInclude] public int Scope { get; internal set; }
    /// <summary>State.</summary>
    [JsonInclude] public TokenState State { get; internal set; }
    /// <summary>Flow the token arrived by (for joins), or -1.</summary>
    [JsonInclude] public int ArrivedVia { get; internal set; } = -1;
    /// <summary>Multi-instance: total instances.</summary>
    [JsonInclude] public int LoopTotal { get; internal set; }
    /// <summary>Multi-instance: instances started.</summary>
    [JsonInclude] public int LoopStarted { get; internal set; }
    /// <summary>Multi-instance: instances completed.</summary>
    [JsonInclude] public int LoopCompleted { get; internal set; }
    /// <summary>Called process instance, while waiting in a call activity.</summary>
    [JsonInclude] public Guid? ChildInstance { get; internal set; }

    /// <summary>Set while a removed token may still sit in the agenda of the running command; never stored.</summary>
    internal bool Removed;
}
