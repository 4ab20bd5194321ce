using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

public class ExpressionCompilerTests
{
    private static readonly ExpressionCompiler Compiler = TestCompilers.Relaxed;

    [Theory]
    [InlineData("isCase === true")]
    [InlineData("outcome == 'approve'")]
    [InlineData("!isCase")]
    [InlineData("amount > 1000 && category != \"x\"")]
    [InlineData("incident.nature === 'criminal'")]
    [InlineData("a.b.c")]
    [InlineData("a['b']")]
    [InlineData("list[0]")]
    [InlineData("list.length")]
    [InlineData("-x + +y * 2 / 3 % 4 - 1")]
    [InlineData("typeof x === 'undefined'")]
    [InlineData("x ?? (y || z)")]
    [InlineData("x ? 'yes' : 'no'")]
    [InlineData("x <= 1 || x >= 2 || x < 0 || x > 9")]
    [InlineData("x === null || x === undefined || x !== NaN")]
    [InlineData("  \n isCase === true \t ")]
    public void CompileExpression_TakesFastPath_WhenExpressionIsSimple(string source)
    {
        var result = Compiler.CompileExpression(source);

        Assert.True(result.Success, result.Error);
        Assert.True(result.Value.IsFastPath);
        Assert.Equal(source, result.Value.Source);
    }

    [Theory]
    [InlineData("Math.max(a, b)")]
    [InlineData("items.includes('x')")]
    [InlineData("`total: ${x}`")]
    [InlineData("/^a/.test(name)")]
    [InlineData("(() => 1)()")]
    [InlineData("new Date(0).getTime()")]
    [InlineData("[1, 2].length")]
    [InlineData("({ a: 1 }).a")]
    [InlineData("a?.b")]
    [InlineData("a[b]")]
    [InlineData("a.toString")]
    [InlineData("x in y")]
    [InlineData("void 0")]
    [InlineData("JSON")]
    public void CompileExpression_UsesJint_WhenExpressionNeedsTheEngine(string source)
    {
        var result = Compiler.CompileExpression(source);

        Assert.True(result.Success, result.Error);
        Assert.False(result.Value.IsFastPath);
    }

    [Theory]
    [InlineData("x == 1 and y == 2", "JavaScript syntax error at 1:8: Unexpected identifier 'and'")]
    [InlineData("${x}", "JavaScript syntax error at 1:2: Unexpected token '{'")]
    [InlineData("#{approved}", "JavaScript syntax error at 1:")]
    [InlineData("x ===", "JavaScript syntax error at 1:6: Unexpected end of input")]
    [InlineData("x; y", "JavaScript syntax error at 1:")]
    [InlineData("a) + (b", "JavaScript syntax error at 1:")]
    [InlineData("// just a comment", "JavaScript syntax error at 1:")]
    [InlineData("", "Expression is empty.")]
    [InlineData("   \n ", "Expression is empty.")]
    public void CompileExpression_ReturnsError_WhenSyntaxIsInvalid(string source, string expectedStart)
    {
        var result = Compiler.CompileExpression(source);

        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.StartsWith(expectedStart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileExpression_ReturnsError_WhenNestingIsAbsurdlyDeep()
    {
        var source = new string('(', 100_000) + "1" + new string(')', 100_000);

        var result = Compiler.CompileExpression(source);

        Assert.False(result.Success);
    }

    [Fact]
    public void CompileExpression_EvaluatesOnJint_WhenNestingIsBeyondFastPathDepth()
    {
        var source = string.Concat(Enumerable.Repeat("!", 101)) + "x";

        var result = Compiler.CompileExpression(source);

        Assert.True(result.Success, result.Error);
        Assert.False(result.Value.IsFastPath);
        Assert.Equal(false, result.Value.Evaluate(TestVariables.Of(("x", true))));
    }

    [Fact]
    public void CompileExpression_AllowsTrailingLineComment_WhenEvaluatedOnJint()
    {
        var result = Compiler.CompileExpression("Math.max(x, 2) // at least two");

        Assert.True(result.Success, result.Error);
        Assert.Equal(5.0, result.Value.Evaluate(TestVariables.Of(("x", 5.0))));
    }

    [Theory]
    [InlineData("var x = ;", "JavaScript syntax error at 1:9")]
    [InlineData("var a = 1;\nif (a {\n}", "JavaScript syntax error at 2:7")]
    [InlineData("with (a) { b }", "JavaScript syntax error at 1:1")]
    public void CompileScript_ReturnsError_WhenSyntaxIsInvalid(string source, string expectedStart)
    {
        var result = Compiler.CompileScript(source);

        Assert.False(result.Success);
        Assert.StartsWith(expectedStart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Throws_WhenALimitIsNotPositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionCompiler(new SandboxOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionCompiler(new SandboxOptions { MaxStatements = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionCompiler(new SandboxOptions { MemoryLimitBytes = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionCompiler(new SandboxOptions { MaxRecursionDepth = 0 }));
    }

    [Fact]
    public void Constructor_UsesDefaults_WhenNoOptionsGiven()
    {
        var options = new ExpressionCompiler().Options;

        Assert.Same(SandboxOptions.Default, options);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Timeout);
        Assert.Equal(10_000, options.MaxStatements);
        Assert.Equal(4_000_000, options.MemoryLimitBytes);
        Assert.Equal(64, options.MaxRecursionDepth);
    }
}
