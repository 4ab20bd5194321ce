using Jint;
using Jint.Native;

using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Names Jint itself defines, read once from a real engine so the fast path and the variable
/// injection agree with it exactly rather than with a hand-kept list.
/// </summary>
internal static class JsBuiltins
{
    private static readonly Lazy<(HashSet<string> Globals, HashSet<string> PrototypeMembers)> Names = new(Load);

    /// <summary>Global bindings (Math, JSON, undefined, ...). They take precedence over variables of the same name.</summary>
    public static bool IsGlobal(string name) => Names.Value.Globals.Contains(name);

    /// <summary>
    /// Properties every object, array, string, number or boolean inherits. A JSON-shaped value
    /// cannot tell us which of them a JavaScript value would expose, so the fast path leaves them alone.
    /// </summary>
    public static bool IsPrototypeMember(string name) => Names.Value.PrototypeMembers.Contains(name);

    private static (HashSet<string>, HashSet<string>) Load()
    {
        var engine = new JsEngine(options => options.Strict());
        var globals = ReadNames(engine, "Object.getOwnPropertyNames(globalThis)");
        var members = ReadNames(
            engine,
            "[Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype]"
            + ".flatMap(p => Object.getOwnPropertyNames(p))");
        return (globals, members);
    }

    private static HashSet<string> ReadNames(JsEngine engine, string script)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in engine.Evaluate(script).AsArray())
        {
            names.Add(name.ToString());
        }

        return names;
    }
}
