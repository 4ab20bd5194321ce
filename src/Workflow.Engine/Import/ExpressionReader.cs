using System.Xml.Linq;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Import;

/// <summary>
/// Checks the language of conditions and scripts and compiles them once. Expressions in another
/// engine's language (JUEL, FEEL, Python, Groovy) are named as such instead of being guessed at.
/// </summary>
internal static class ExpressionReader
{
    private static readonly HashSet<string> JavaScriptNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "js", "ecmascript", "text/javascript", "application/javascript", "text/ecmascript",
        "application/ecmascript", "es6", "es2015",
    };

    public static bool IsJavaScript(string? language) => language is null || JavaScriptNames.Contains(language.Trim());

    /// <summary>Compiles a condition or other expression element; reports and returns null on failure.</summary>
    public static CompiledExpression? Condition(DefinitionsContext ctx, XElement expression, XElement owner, string what)
    {
        var language = (string?)expression.Attribute("language") ?? ctx.DefaultExpressionLanguage;
        return Compile(ctx, expression.Value, language, owner, what);
    }

    /// <summary>Compiles expression text found in an attribute (wf:unit, wf:collection).</summary>
    public static CompiledExpression? Compile(DefinitionsContext ctx, string text, string? language, XElement owner, string what)
    {
        var t = text.Trim();
        if (!CheckLanguage(ctx, t, language, owner, what))
        {
            return null;
        }
        var result = ctx.Options.Compiler.CompileExpression(t);
        if (!result.Success)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionSyntax,
                $"{what} '{Shorten(t)}' is not valid JavaScript: {result.Error}{PythonHint(t)}", owner);
            return null;
        }
        if (ScriptLint.Check(t, isScript: false) is { } problem)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionForeignApi, $"{what} '{Shorten(t)}' {problem}", owner);
            return null;
        }
        return result.Value;
    }

    /// <summary>Compiles a script task's script.</summary>
    public static CompiledScript? Script(DefinitionsContext ctx, string text, string? format, XElement owner)
    {
        if (!IsJavaScript(format))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ScriptLanguage,
                $"script language '{format}' is not run here; only sandboxed JavaScript scripts are supported", owner);
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionEmpty, "script task has no script", owner);
            return null;
        }
        var result = ctx.Options.Compiler.CompileScript(text);
        if (!result.Success)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionSyntax, $"script is not valid JavaScript: {result.Error}{PythonHint(text)}", owner);
            return null;
        }
        if (ScriptLint.Check(text, isScript: true) is { } problem)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionForeignApi, $"script {problem}", owner);
            return null;
        }
        return result.Value;
    }

    private static bool CheckLanguage(DefinitionsContext ctx, string t, string? language, XElement owner, string what)
    {
        if (t.Length == 0)
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionEmpty, $"{what} is empty", owner);
            return false;
        }
        if (t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("#{", StringComparison.Ordinal))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionJuel,
                $"{what} '{Shorten(t)}' is JUEL (Camunda/Flowable/Activiti expression language), which is not evaluated here; write it in JavaScript, e.g. {Unwrap(t)}", owner);
            return false;
        }
        if (t.StartsWith('='))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionFeel, $"{what} '{Shorten(t)}' is FEEL (Zeebe), which is not evaluated here; write it in JavaScript", owner);
            return false;
        }
        if (!IsJavaScript(language))
        {
            ctx.Diagnostics.Error(DiagnosticCodes.ExpressionLanguage,
                $"{what} is written in '{language}', which is not evaluated here; only JavaScript is", owner);
            return false;
        }
        return true;
    }

    private static string Unwrap(string juel) => juel.Length > 3 ? juel[2..^1].Trim() : juel;

    private static string PythonHint(string t) =>
        t.Contains(" and ", StringComparison.Ordinal) || t.Contains(" or ", StringComparison.Ordinal) || t.Contains("True", StringComparison.Ordinal)
        || t.Contains("False", StringComparison.Ordinal) || t.Contains(" not ", StringComparison.Ordinal) || t.Contains("None", StringComparison.Ordinal)
            ? " (it looks like Python, which is not evaluated here)"
            : "";

    private static string Shorten(string t) => t.Length <= 80 ? t : t[..77] + "...";
}
