using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

public class CompiledScriptTests
{
    private static readonly ExpressionCompiler Compiler = TestCompilers.Relaxed;

    [Fact]
    public void Execute_RecordsVariables_WhenScriptCallsSetVariable()
    {
        var script = Compile("setVariable('total', a + b); setVariable('label', 'sum of ' + a); setVariable('total', a + b + 1);");

        var result = script.Execute(TestVariables.Of(("a", 1.0), ("b", 2.0)));

        Assert.Equal(4.0, result.SetVariables["total"]);
        Assert.Equal("sum of 1", result.SetVariables["label"]);
        Assert.Equal(2, result.SetVariables.Count);
    }

    [Fact]
    public void Execute_StoresJsonShape_WhenValueIsObjectOrUndefined()
    {
        var script = Compile("setVariable('order', { id: 7, tags: ['a'] }); setVariable('nothing', undefined);");

        var result = script.Execute(TestVariables.Empty);

        var order = Assert.IsType<Dictionary<string, object?>>(result.SetVariables["order"]);
        Assert.Equal(7.0, order["id"]);
        Assert.Equal(new List<object?> { "a" }, order["tags"]);
        Assert.True(result.SetVariables.ContainsKey("nothing"));
        Assert.Null(result.SetVariables["nothing"]);
    }

    [Fact]
    public void Execute_ReadsVariables_WhenScriptCallsGetVariable()
    {
        var script = Compile("""
            var before = getVariable('count');
            setVariable('count', before + 1);
            [before, getVariable('count'), getVariable('missing') === undefined, count]
            """);

        var result = script.Execute(TestVariables.Of(("count", 1.0)));

        Assert.Equal(new List<object?> { 1.0, 2.0, true, 1.0 }, result.Value);
    }

    [Theory]
    [InlineData("var x = 2; x * 3", 6.0)]
    [InlineData("if (amount > 100) { 'big' } else { 'small' }", "big")]
    [InlineData("var r = 5;", null)]
    [InlineData("", null)]
    public void Execute_ReturnsCompletionValue_WhenScriptEnds(string source, object? expected)
    {
        var result = Compile(source).Execute(TestVariables.Of(("amount", 500.0)));

        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Execute_SeesUndefined_WhenVariableIsNotSet()
    {
        var result = Compile("typeof approved === 'undefined' && approved !== true").Execute(TestVariables.Empty);

        Assert.Equal(true, result.Value);
    }

    [Fact]
    public void Execute_DoesNotLeakGlobals_BetweenRuns()
    {
        var script = Compile("var before = typeof leak; leak = 1; before");

        Assert.Equal("undefined", script.Execute(TestVariables.Empty).Value);
        Assert.Equal("undefined", script.Execute(TestVariables.Empty).Value);
        Assert.Equal(true, Compile("typeof leak === 'undefined'").Execute(TestVariables.Empty).Value);
    }

    [Theory]
    [InlineData("setVariable('f', function(){})")]
    [InlineData("setVariable('s', Symbol('x'))")]
    [InlineData("setVariable('o', { nested: () => 1 })")]
    public void Execute_ThrowsRuntime_WhenSetVariableGetsNonJsonValue(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(source).Execute(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("not a JSON value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_LetsScriptCatchTypeError_WhenSetVariableRejectsValue()
    {
        var script = Compile("try { setVariable('f', function(){}); 'no error' } catch (e) { e instanceof TypeError }");

        Assert.Equal(true, script.Execute(TestVariables.Empty).Value);
    }

    [Theory]
    [InlineData("setVariable(1, 2)")]
    [InlineData("setVariable('', 2)")]
    [InlineData("getVariable()")]
    public void Execute_ThrowsRuntime_WhenVariableNameIsNotAString(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(source).Execute(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("variable name must be a non-empty string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(function(){})")]
    [InlineData("Symbol()")]
    public void Execute_ThrowsRuntime_WhenResultIsNotJson(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Compile(source).Execute(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("result is not a JSON value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ThrowsRuntimeWithMessage_WhenScriptThrows()
    {
        var error = Assert.Throws<ExpressionException>(() => Compile("setVariable('a', 1);\nthrow new Error('boom');").Execute(TestVariables.Empty));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Equal("Script 'setVariable('a', 1); throw new Error('boom');' failed: boom", error.Message);
    }

    [Fact]
    public void Execute_ThrowsLimitError_WhenScriptRunsAway()
    {
        var script = new ExpressionCompiler().CompileScript("while (true) { }").Value!;

        var error = Assert.Throws<ExpressionException>(() => script.Execute(TestVariables.Empty));

        Assert.Contains(error.Kind, new[] { ExpressionErrorKind.Timeout, ExpressionErrorKind.StatementLimit });
        Assert.StartsWith("Script 'while (true) { }' exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_HasNoClrAccess_WhenScriptLooksForIt()
    {
        var result = Compile("[typeof System, typeof importNamespace, typeof setVariable, typeof getVariable]").Execute(TestVariables.Empty);

        Assert.Equal(new List<object?> { "undefined", "undefined", "function", "function" }, result.Value);
    }

    [Fact]
    public void Execute_KeepsRunsApart_WhenRunConcurrently()
    {
        var script = Compile("setVariable('double', n * 2); n");

        Parallel.For(0, 32, i =>
        {
            var result = script.Execute(TestVariables.Of(("n", (double)i)));
            Assert.Equal((double)i, result.Value);
            Assert.Equal(i * 2.0, result.SetVariables["double"]);
        });
    }

    private static CompiledScript Compile(string source)
    {
        var result = Compiler.CompileScript(source);
        Assert.True(result.Success, result.Error);
        Assert.Equal(source, result.Value.Source);
        return result.Value;
    }
}
