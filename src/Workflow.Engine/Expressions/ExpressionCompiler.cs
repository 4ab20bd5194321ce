using Acornima;
using Jint;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Compiles JavaScript expressions (gateway conditions) and scripts (script tasks). Thread-safe
/// and reusable; compiled code is immutable and may be evaluated concurrently.
/// </summary>
/// <remarks>
/// Simple expressions, made of variables, literals, member access and operators, are compiled to a
/// small interpreter that gives JavaScript's results without starting an engine. Everything else runs
/// on Jint in a fresh, sandboxed engine per evaluation, limited by <see cref="SandboxOptions"/>.
/// </remarks>
public sealed class ExpressionCompiler
{
    private readonly SandboxOptions _options;

    /// <summary>Creates a compiler; <paramref name="options"/> defaults to <see cref="SandboxOptions.Default"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public ExpressionCompiler(SandboxOptions? options = null)
    {
        _options = options ?? SandboxOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxStatements, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MemoryLimitBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxRecursionDepth, nameof(options));
    }

    /// <summary>The limits applied to code this compiler produces.</summary>
    public SandboxOptions Options => _options;

    /// <summary>Compiles a single JavaScript expression, such as <c>amount &gt; 1000 &amp;&amp; approved</c>.</summary>
    /// <returns>The compiled expression, or a readable error. Never throws for bad input.</returns>
    public CompileResult<CompiledExpression> CompileExpression(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return CompileResult<CompiledExpression>.Fail("Expression is empty.");
        }

        try
        {
            var ast = new Parser().ParseExpression(source, strict: true);
            var fast = FastNodeBuilder.TryBuild(ast);
            if (fast is not null)
            {
                return CompileResult<CompiledExpression>.Ok(new FastExpression(source, fast, _options));
            }

            // The newline keeps a trailing line comment from swallowing the closing parenthesis.
            var prepared = JintSandbox.Prepare("(" + source + "\n)");
            return CompileResult<CompiledExpression>.Ok(new JintExpression(source, prepared, _options));
        }
        catch (Exception ex)
        {
            return CompileResult<CompiledExpression>.Fail(Describe(ex, "Expression"));
        }
    }

    /// <summary>Compiles a JavaScript script; its completion value becomes <see cref="ScriptResult.Value"/>.</summary>
    /// <returns>The compiled script, or a readable error. Never throws for bad input.</returns>
    public CompileResult<CompiledScript> CompileScript(string source)
    {
        source ??= string.Empty;
        try
        {
            var prepared = JintSandbox.Prepare(source);
            return CompileResult<CompiledScript>.Ok(new CompiledScript(source, prepared, _options));
        }
        catch (Exception ex)
        {
            return CompileResult<CompiledScript>.Fail(Describe(ex, "Script"));
        }
    }

    private static string Describe(Exception ex, string subject) => ex switch
    {
        ParseErrorException parse => ExpressionErrors.Syntax(parse),
        ScriptPreparationException { InnerException: ParseErrorException parse } => ExpressionErrors.Syntax(parse),
        InsufficientExecutionStackException => $"{subject} is nested too deeply to compile.",
        ScriptPreparationException { InnerException: InsufficientExecutionStackException } => $"{subject} is nested too deeply to compile.",
        _ => $"{subject} could not be compiled: {ex.Message}",
    };
}
