namespace Workflow.Engine.Expressions;

/// <summary>Limits applied to every evaluation that runs on the JavaScript engine.</summary>
public sealed class SandboxOptions
{
    /// <summary>The defaults: 50 ms, 10 000 statements, 4 MB, recursion depth 64.</summary>
    public static SandboxOptions Default { get; } = new();

    /// <summary>Wall-clock time one evaluation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Statements one evaluation may execute.</summary>
    public int MaxStatements { get; init; } = 10_000;

    /// <summary>Bytes one evaluation may allocate.</summary>
    public long MemoryLimitBytes { get; init; } = 4_000_000;

    /// <summary>How deeply JavaScript functions may call each other.</summary>
    public int MaxRecursionDepth { get; init; } = 64;
}
