namespace Workflow.Engine.Expressions;

/// <summary>Why an expression or script failed.</summary>
public enum ExpressionErrorKind
{
    /// <summary>The text is not valid JavaScript.</summary>
    Syntax,

    /// <summary>The code threw, or produced a value that is not JSON-shaped.</summary>
    Runtime,

    /// <summary>The code ran longer than <see cref="SandboxOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>The code executed more than <see cref="SandboxOptions.MaxStatements"/> statements.</summary>
    StatementLimit,

    /// <summary>The code allocated more than <see cref="SandboxOptions.MemoryLimitBytes"/>.</summary>
    MemoryLimit,

    /// <summary>The code called functions nested deeper than <see cref="SandboxOptions.MaxRecursionDepth"/>.</summary>
    RecursionLimit,
}
