namespace Workflow.Persistence;

/// <summary>Column lengths shared by the configurations, so that the same kind of value has the same size everywhere.</summary>
internal static class Limits
{
    /// <summary>BPMN ids (process, element).</summary>
    public const int Id = 200;
    /// <summary>Business keys (incident and case numbers).</summary>
    public const int BusinessKey = 200;
    /// <summary>User ids, unit codes, role codes.</summary>
    public const int Principal = 100;
    /// <summary>Enum values stored as text.</summary>
    public const int Enum = 20;
    /// <summary>History kinds.</summary>
    public const int Kind = 64;
}
