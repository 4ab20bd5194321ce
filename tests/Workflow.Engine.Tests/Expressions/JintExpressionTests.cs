using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>Expressions that run on the sandboxed JavaScript engine.</summary>
public class JintExpressionTests
{
    // Generous: this only proves evaluation returns instead of hanging, on a busy machine.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(5);

    private static readonly ExpressionCompiler Compiler = TestCompilers.Relaxed;

    [Fact]
    public async Task Evaluate_ReturnsWithLimitError_WhenLoopNeverEnds()
    {
        var expression = Compile(new ExpressionCompiler(), "(function(){ while(true){} })()");

        var evaluation = Task.Run(() => Assert.Throws<ExpressionException>(() => expression.Evaluate(TestVariables.Empty)));
        var error = await evaluation.WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        Assert.Contains(error.Kind, new[] { ExpressionErrorKind.Timeout, ExpressionErrorKind.StatementLimit });
    }

    [Fact]
    public async Task Evaluate_ThrowsTimeout_WhenStatementsAreUnlimitedButTimeRunsOut()
    {
        var compiler = new ExpressionCompiler(new SandboxOptions { Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        var expression = Compile(compiler, "(function(){ for (;;) {} })()");

        var evaluation = Task.Run(() => Assert.Throws<ExpressionException>(() => expression.Evaluate(TestVariables.Empty)));
        var error = await evaluation.WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        Assert.Equal(ExpressionErrorKind.Timeout, error.Kind);
        Assert.Equal("Expression '(function(){ for (;;) {} })()' exceeded the time limit of 50 ms.", error.Message);
    }

    [Fact]
    public void Evaluate_ThrowsStatementLimit_WhenTooManyStatementsRun()
    {
        var compiler = new ExpressionCompiler(new SandboxOptions { MaxStatements = 100, Timeout = TimeSpan.FromSeconds(30) });
        var expression = Compile(compiler, "(function(){ var i = 0; for (;;) { i++; } })()");

        var error = Assert.Throws<ExpressionException>(() => expression.Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.StatementLimit, error.Kind);
        Assert.Contains("exceeded the limit of 100 statements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThrowsRecursionLimit_WhenFunctionRecursesForever()
    {
        var expression = Compile(Compiler, "(function f(){ return f(); })()");

        var error = Assert.Throws<ExpressionException>(() => expression.Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.RecursionLimit, error.Kind);
    }

    [Theory]
    [InlineData("(function(){ var s = 'x'; while (true) { s += s; } })()")]
    [InlineData("(function(){ var a = []; while (true) { a.push('item number ' + a.length); } })()")]
    public void Evaluate_ThrowsMemoryLimit_WhenAllocationGrowsWithoutBound(string source)
    {
        var compiler = new ExpressionCompiler(new SandboxOptions { Timeout = TimeSpan.FromSeconds(30), MaxStatements = int.MaxValue });
        var expression = Compile(compiler, source);

        var error = Assert.Throws<ExpressionException>(() => expression.Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.MemoryLimit, error.Kind);
    }

    [Theory]
    [InlineData("typeof System === 'undefined'")]
    [InlineData("typeof importNamespace === 'undefined'")]
    [InlineData("typeof require === 'undefined'")]
    [InlineData("(function(){ return typeof System; })() === 'undefined'")]
    [InlineData("(function(){ return typeof importNamespace; })() === 'undefined'")]
    [InlineData("(function(){ return typeof host === 'undefined' && typeof clr === 'undefined'; })()")]
    public void Evaluate_HasNoClrAccess_WhenScriptLooksForIt(string source)
    {
        // The plain typeof forms take the fast path; the wrapped ones prove Jint agrees.
        var compiled = Compiler.CompileExpression(source);

        Assert.True(compiled.Success, compiled.Error);
        Assert.Equal(true, compiled.Value.Evaluate(TestVariables.Empty));
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    public void Evaluate_ThrowsRuntime_WhenCodeIsCompiledFromStrings(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(Compiler, source).Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
    }

    [Fact]
    public void Evaluate_DoesNotShareGlobals_BetweenEvaluations()
    {
        var pollute = Compile(Compiler, "(function(){ globalThis.leak = 1; Object.prototype.polluted = true; return leak; })()");
        var probe = Compile(Compiler, "(function(){ return typeof globalThis.leak === 'undefined' && ({}).polluted === undefined; })()");

        Assert.Equal(1.0, pollute.Evaluate(TestVariables.Empty));
        Assert.Equal(true, probe.Evaluate(TestVariables.Empty));
        Assert.Equal(1.0, pollute.Evaluate(TestVariables.Empty));
    }

    [Fact]
    public void Evaluate_SeesUndefined_WhenVariableIsNotSet()
    {
        var expression = Compile(Compiler, "(function(){ return [approved === true, typeof approved, typeof nested]; })()");

        var result = Assert.IsType<List<object?>>(expression.Evaluate(TestVariables.Empty));

        Assert.Equal(new List<object?> { false, "undefined", "undefined" }, result);
    }

    [Fact]
    public void Evaluate_PassesJsonValuesIn_WhenVariablesAreNested()
    {
        var order = new Dictionary<string, object?>
        {
            ["lines"] = new List<object?>
            {
                new Dictionary<string, object?> { ["price"] = 2.5, ["qty"] = 2.0 },
                new Dictionary<string, object?> { ["price"] = 10.0, ["qty"] = 1.0 },
            },
        };
        var expression = Compile(Compiler, "order.lines.map(l => l.price * l.qty).reduce((a, b) => a + b, 0)");

        Assert.Equal(15.0, expression.Evaluate(TestVariables.Of(("order", order))));
    }

    [Fact]
    public void Evaluate_ReturnsJsonShape_WhenResultIsObjectOrArray()
    {
        var expression = Compile(Compiler, "({ n: 1, s: 'x', list: [true, null, undefined], skipped: undefined, inner: { z: -0 } })");

        var result = expression.Evaluate(TestVariables.Empty);

        var expected = new Dictionary<string, object?>
        {
            ["n"] = 1.0,
            ["s"] = "x",
            ["list"] = new List<object?> { true, null, null },
            ["inner"] = new Dictionary<string, object?> { ["z"] = -0.0 },
        };
        JsAssert.Same(expected, result, "result");
    }

    [Fact]
    public void Evaluate_ReturnsUndefined_WhenResultIsUndefined()
    {
        Assert.Same(JsValues.Undefined, Compile(Compiler, "[].find(x => x)").Evaluate(TestVariables.Empty));
    }

    [Theory]
    [InlineData("(function(){})")]
    [InlineData("Symbol('s')")]
    [InlineData("({ f: () => 1 })")]
    [InlineData("10n")]
    [InlineData("(function(){ var o = {}; o.self = o; return o; })()")]
    [InlineData("({ get x() { return 1; } })")]
    public void Evaluate_ThrowsRuntime_WhenResultIsNotJson(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(Compiler, source).Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("result is not a JSON value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThrowsRuntimeWithJsMessage_WhenCodeThrows()
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(Compiler, "(function(){ throw new Error('boom'); })()").Evaluate(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Equal("Expression '(function(){ throw new Error('boom'); })()' failed: boom", error.Message);
    }

    [Fact]
    public void Evaluate_DoesNotChangeCallerValues_WhenScriptMutatesAVariable()
    {
        var items = new List<object?> { 1.0 };
        var expression = Compile(Compiler, "(function(){ items.push(2); items[0] = 'changed'; return items.length; })()");

        Assert.Equal(2.0, expression.Evaluate(TestVariables.Of(("items", items))));
        Assert.Equal(new List<object?> { 1.0 }, items);
    }

    [Fact]
    public void Evaluate_GivesIndependentResults_WhenRunConcurrently()
    {
        var expression = Compile(Compiler, "[1, 2, 3].map(i => i * n).join(',')");

        Parallel.For(0, 32, i =>
        {
            var result = expression.Evaluate(TestVariables.Of(("n", (double)i)));
            Assert.Equal($"{i},{2 * i},{3 * i}", result);
        });
    }

    private static CompiledExpression Compile(ExpressionCompiler compiler, string source)
    {
        var result = compiler.CompileExpression(source);
        Assert.True(result.Success, result.Error);
        Assert.False(result.Value.IsFastPath);
        return result.Value;
    }
}
