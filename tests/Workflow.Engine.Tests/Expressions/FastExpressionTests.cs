using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>
/// The fast path must give exactly JavaScript's answers. Every expression here is evaluated by
/// the fast path and, wrapped in a function so it cannot take the fast path, by Jint; the two
/// outcomes (value or error) must match.
/// </summary>
public class FastExpressionTests
{
    private static readonly ExpressionCompiler Compiler = TestCompilers.Relaxed;

    private static readonly (string Name, object? Value)[] BaseValues =
    [
        ("n0", 0.0), ("n1", 1.0), ("negZero", -0.0), ("nan", double.NaN), ("inf", double.PositiveInfinity),
        ("s1", "1"), ("sEmpty", ""), ("sA", "a"), ("sB", "b"), ("sUpper", "B"), ("sPadded", " 12 "),
        ("sHex", "0x1F"), ("sExp", "1e3"), ("sAccent", "é"), ("sAstral", "😀"), ("sTen", "10"), ("sNine", "9"),
        ("t", true), ("f", false), ("nul", null),
        ("obj", new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = 5.0 }, ["name"] = "x" }),
        ("withLength", new Dictionary<string, object?> { ["length"] = 7.0, ["0"] = "zero" }),
        ("list", new List<object?> { 1.0, 2.0, 3.0 }),
        ("list1", new List<object?> { 5.0 }),
        ("strList", new List<object?> { "a", "b" }),
        ("nested", new List<object?> { new List<object?> { 1.0 } }),
        ("emptyList", new List<object?>()),
        ("listWithNull", new List<object?> { null, 1.0 }),
        ("amount", 1500.0), ("category", "y"), ("isCase", true), ("outcome", "approve"),
        ("incident", new Dictionary<string, object?> { ["nature"] = "criminal" }),
    ];

    // Same names, values rotated onto other names: every expression also meets unexpected types.
    private static readonly Dictionary<string, TestVariables> Sets = new()
    {
        ["typed"] = TestVariables.Of(BaseValues),
        ["rotated"] = TestVariables.Of(BaseValues.Select((v, i) => (v.Name, BaseValues[(i + 7) % BaseValues.Length].Value)).ToArray()),
    };

    private static readonly string[] Expressions =
    [
        // Loose and strict equality.
        "null == undefined", "nul == undefined", "nul == missing", "nul === undefined", "missing === undefined",
        "n1 == s1", "n1 === s1", "t == 1", "t == n1", "t === 1", "f == 0", "sEmpty == 0", "sEmpty == n0",
        "sEmpty == f", "nan == nan", "nan != nan", "nan === nan", "NaN !== NaN", "n0 === negZero", "nul == 0",
        "nul == f", "missing == 0", "sPadded == 12", "sHex == 31", "sExp == 1000", "t == '1'", "f == ''",
        "list1 == 5", "list == '1,2,3'", "strList == 'a,b'", "obj == '[object Object]'", "obj == obj",
        "obj === obj", "list != list", "obj.a == obj.a", "nested == 1", "emptyList == f", "listWithNull == ',1'",
        "obj == list", "sA != sB", "inf == 'Infinity'",
        // Relational.
        "sA < sB", "sUpper < sA", "sTen < sNine", "10 < 9", "sTen < 9", "nul < 1", "missing < 1", "nul >= 0",
        "t > f", "sAstral > sAccent", "nan <= nan", "nan >= 1", "list1 > 4", "obj < obj", "sEmpty <= 0",
        "amount > 1000 && category != 'x'", "amount >= '1500'",
        // Arithmetic and concatenation.
        "list + 1", "obj + ''", "1 + '1'", "1.5 + ''", "0.1 + 0.2", "s1 + n1", "n1 + t", "nul + 1", "missing + 1",
        "sA * 2", "'6' / '2'", "7 % -3", "-7 % 3", "5.5 % 2", "1 / 0", "-1 / 0", "0 / 0", "-sEmpty", "+s1",
        "+sA", "-nul", "+t", "-n0", "+list1", "+emptyList", "1e21 + ''", "amount * 1.1 + ''", "123456789 * 1000 + ''",
        // typeof, logical, conditional.
        "typeof nul", "typeof missing", "typeof obj", "typeof list", "typeof sA", "typeof n1", "typeof t",
        "typeof undefined", "!sEmpty", "!list", "!!obj", "!negZero", "!nan", "sA && n0", "n0 || sA", "nul ?? 'd'",
        "n0 ?? 'd'", "missing ?? sEmpty", "t ? 'y' : 'n'", "sEmpty ? 1 : 2", "isCase === true", "!isCase",
        "outcome == 'approve'", "(n1 + 1) * 2",
        // Member access.
        "incident.nature === 'criminal'", "obj.a.b", "obj['a']['b']", "obj.a", "list[0]", "list[5]", "list.length",
        "sA.length", "strList[1]", "obj.missing", "obj.name.length", "sA[0]", "sA[3]", "n1.foo", "t.length",
        "withLength.length", "withLength[0]", "list['1']", "list['01']", "emptyList.length", "nested[0][0]",
        "nul.a", "missing.a", "obj.missing.b", "listWithNull[0].x", "sEmpty.length",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var expression in Expressions)
        {
            foreach (var set in Sets.Keys)
            {
                data.Add(expression, set);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_MatchesJint_ForSimpleExpression(string expression, string set)
    {
        var variables = Sets[set];
        var fast = Compile(expression);
        var jint = Compile($"(function(){{ return ({expression}); }})()");
        Assert.True(fast.IsFastPath, $"'{expression}' should take the fast path");
        Assert.False(jint.IsFastPath);

        var (fastValue, fastError) = Run(fast, variables);
        var (jintValue, jintError) = Run(jint, variables);

        if (jintError is not null)
        {
            Assert.True(fastError is not null, $"'{expression}': Jint threw '{jintError.Message}' but the fast path returned a value");
            Assert.Equal(jintError.Kind, fastError.Kind);
            Assert.Equal(Detail(jintError), Detail(fastError));
        }
        else
        {
            Assert.True(fastError is null, $"'{expression}': the fast path threw '{fastError?.Message}' but Jint returned a value");
            JsAssert.Same(jintValue, fastValue, expression);
        }
    }

    [Fact]
    public void Evaluate_ReadsNestedMembers_WhenDictionariesAndListsNest()
    {
        var order = new Dictionary<string, object?>
        {
            ["customer"] = new Dictionary<string, object?> { ["address"] = new Dictionary<string, object?> { ["city"] = "Lyon" } },
            ["lines"] = new List<object?> { new Dictionary<string, object?> { ["sku"] = "A-1" } },
        };
        var variables = TestVariables.Of(("order", order));

        Assert.Equal("Lyon", Compile("order.customer.address.city").Evaluate(variables));
        Assert.Equal("A-1", Compile("order.lines[0].sku").Evaluate(variables));
        Assert.Equal("A-1", Compile("order['lines'][0]['sku']").Evaluate(variables));
        Assert.Equal(1.0, Compile("order.lines.length").Evaluate(variables));
        Assert.Equal(4.0, Compile("order.customer.address.city.length").Evaluate(variables));
        Assert.Same(JsValues.Undefined, Compile("order.lines[1]").Evaluate(variables));
    }

    [Theory]
    [InlineData("a.b", "Cannot read properties of null (reading 'b')")]
    [InlineData("missing.b", "Cannot read properties of undefined (reading 'b')")]
    [InlineData("list[1].x", "Cannot read properties of undefined (reading 'x')")]
    [InlineData("a[0]", "Cannot read properties of null (reading '0')")]
    public void Evaluate_ThrowsRuntimeTypeError_WhenReadingMemberOfNullOrUndefined(string expression, string message)
    {
        var compiled = Compile(expression);
        Assert.True(compiled.IsFastPath);
        var variables = TestVariables.Of(("a", null), ("list", new List<object?>()));

        var error = Assert.Throws<ExpressionException>(() => compiled.Evaluate(variables));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Equal($"Expression '{expression}' failed: {message}", error.Message);
        Assert.Equal(expression, error.ExpressionText);
    }

    [Theory]
    [InlineData("approved === true", false)]
    [InlineData("approved !== true", true)]
    [InlineData("typeof approved === 'undefined'", true)]
    [InlineData("approved == null", true)]
    [InlineData("!approved", true)]
    [InlineData("approved ?? true", true)]
    public void EvaluateCondition_SeesUndefined_WhenVariableIsNotSet(string expression, bool expected)
    {
        var compiled = Compile(expression);

        Assert.True(compiled.IsFastPath);
        Assert.Equal(expected, compiled.EvaluateCondition(TestVariables.Empty));
    }

    [Fact]
    public void Evaluate_ReturnsOperandsNotBooleans_WhenLogicalOperatorsShortCircuit()
    {
        var variables = TestVariables.Of(("name", ""), ("fallback", "anonymous"), ("count", 3.0));

        Assert.Equal("anonymous", Compile("name || fallback").Evaluate(variables));
        Assert.Equal("", Compile("name && fallback").Evaluate(variables));
        Assert.Equal("", Compile("name ?? fallback").Evaluate(variables));
        Assert.Equal(3.0, Compile("fallback && count").Evaluate(variables));
    }

    [Fact]
    public void Evaluate_ConvertsLooseVariableValues_WhenCallerSkippedNormalisation()
    {
        var variables = TestVariables.Of(("count", 3), ("items", new[] { 1, 2 }), ("map", new Dictionary<string, object?> { ["n"] = 5L }));

        Assert.Equal(true, Compile("count === 3").Evaluate(variables));
        Assert.Equal(2.0, Compile("items.length").Evaluate(variables));
        Assert.Equal(true, Compile("map.n === 5").Evaluate(variables));
    }

    [Fact]
    public void Evaluate_ThrowsRuntime_WhenVariableIsAClrObject()
    {
        var error = Assert.Throws<ExpressionException>(() => Compile("x === 1").Evaluate(TestVariables.Of(("x", new object()))));

        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
    }

    private static CompiledExpression Compile(string source)
    {
        var result = Compiler.CompileExpression(source);
        Assert.True(result.Success, $"'{source}' did not compile: {result.Error}");
        return result.Value;
    }

    private static (object? Value, ExpressionException? Error) Run(CompiledExpression expression, IVariableSource variables)
    {
        try
        {
            return (expression.Evaluate(variables), null);
        }
        catch (ExpressionException ex)
        {
            return (null, ex);
        }
    }

    private static string Detail(ExpressionException ex) => ex.Message[(ex.Message.IndexOf("failed: ", StringComparison.Ordinal) + 8)..];
}
