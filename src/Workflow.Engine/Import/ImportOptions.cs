using Workflow.Engine.Expressions;

namespace Workflow.Engine.Import;

/// <summary>Limits and context for importing BPMN files.</summary>
public sealed class ImportOptions
{
    /// <summary>Defaults: 10 MB, depth 64, no activity-type check.</summary>
    public static readonly ImportOptions Default = new();

    /// <summary>Largest file accepted, in characters.</summary>
    public int MaxCharacters { get; init; } = 10 * 1024 * 1024;
    /// <summary>Deepest XML nesting accepted.</summary>
    public int MaxDepth { get; init; } = 64;
    /// <summary>Most flow nodes accepted in one file.</summary>
    public int MaxNodes { get; init; } = 20_000;
    /// <summary>
    /// Registered service activity types. When set, a serviceTask naming another type is an error;
    /// when null the check is left to run time.
    /// </summary>
    public IReadOnlySet<string>? ActivityTypes { get; init; }
    /// <summary>
    /// What a task's <c>wf:type</c> implies when the file does not declare it (roles, SLA, outcomes,
    /// fields, separation, a completion check); null applies nothing beyond the file.
    /// </summary>
    public ITaskSpecDefaults? TaskDefaults { get; init; }
    /// <summary>Compiler for conditions and scripts.</summary>
    public ExpressionCompiler Compiler { get; init; } = new();
}
