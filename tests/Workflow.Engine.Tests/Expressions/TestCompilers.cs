using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

internal static class TestCompilers
{
    /// <summary>
    /// Default limits except time: tests about semantics must not fail because a busy machine
    /// (parallel tests, cold JIT) stretched one evaluation past the 50 ms default.
    /// </summary>
    public static readonly ExpressionCompiler Relaxed = new(new SandboxOptions { Timeout = TimeSpan.FromSeconds(10) });
}
