using System.Globalization;
using Acornima.Ast;
using Jint;
using Jint.Native;

using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>Creates locked-down Jint engines and prepares code for them.</summary>
internal static class JintSandbox
{
    private static readonly ScriptPreparationOptions PreparationOptions = new() { CollectReferencedGlobals = true };

    /// <summary>
    /// A fresh engine per evaluation: nothing a script does (globals, prototype changes) can leak
    /// into another evaluation or process instance. No CLR interop is enabled.
    /// </summary>
    public static JsEngine CreateEngine(SandboxOptions sandbox) => new(options => options
        .Strict()
        .LimitRecursion(sandbox.MaxRecursionDepth)
        .TimeoutInterval(sandbox.Timeout)
        .MaxStatements(sandbox.MaxStatements)
        .LimitMemory(sandbox.MemoryLimitBytes)
        // The memory limit is only checked between statements; these bound what a single
        // built-in call (a regex, new Array(n)) can do before the next check.
        .RegexTimeoutInterval(sandbox.Timeout)
        .MaxArraySize((uint)Math.Clamp(sandbox.MemoryLimitBytes / 8, 1024, uint.MaxValue))
        .DisableStringCompilation()
        .Culture(CultureInfo.InvariantCulture));

    /// <exception cref="ScriptPreparationException">The code does not parse.</exception>
    public static Prepared<Script> Prepare(string code) =>
        JsEngine.PrepareScript(code, strict: true, options: PreparationOptions);

    /// <summary>
    /// The free identifiers the code reads that may be variables: built-in globals and names the
    /// host defines itself are excluded.
    /// </summary>
    public static string[] FreeVariables(in Prepared<Script> prepared, params string[] hostNames)
    {
        IEnumerable<string> referenced = prepared.ReferencedGlobals ?? (IEnumerable<string>)[];
        return referenced
            .Where(name => !JsBuiltins.IsGlobal(name) && !hostNames.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Defines every free identifier as a global: the variable's value when set, otherwise
    /// undefined, so that reading an unset variable is not a ReferenceError.
    /// </summary>
    public static void DefineVariables(JsEngine engine, JintValueConverter converter, string[] names, IVariableSource variables)
    {
        foreach (var name in names)
        {
            var value = variables.TryGetVariable(name, out var raw) ? converter.ToJs(raw) : JsValue.Undefined;
            engine.SetValue(name, value);
        }
    }
}
