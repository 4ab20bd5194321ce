using System.Text.Json.Serialization;

namespace Workflow.Engine.Runtime;

/// <summary>A running embedded subprocess.</summary>
public sealed class ScopeInstance
{
    /// <summary>Id, unique within the instance (never 0, which is the process scope).</summary>
    [JsonInclude] public int Id { get; internal set; }
    /// <summary>Index of the subProcess node.</summary>
    [JsonInclude] public int Node { get; internal set; }
    /// <summary>Scope the subprocess itself runs in.</summary>
    [JsonInclude] public int ParentScope { get; internal set; }
    /// <summary>The token waiting at the subProcess node.</summary>
    [JsonInclude] public int OwnerToken { get; internal set; }
}
