using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>
/// A script (for a BPMN script task) compiled once and executed many times in the sandbox.
/// </summary>
/// <remarks>
/// Variables are readable as globals (unset ones are undefined). The script changes variables
/// only through <c>setVariable(name, value)</c>; <c>getVariable(name)</c> reads a variable,
/// including one set earlier in the same run. Assigning to a global or mutating an object
/// changes nothing outside the run.
/// </remarks>
public sealed class CompiledScript
{
    private const string SetVariableName = "setVariable";
    private const string GetVariableName = "getVariable";

    private readonly Prepared<Script> _prepared;
    private readonly string[] _freeVariables;
    private readonly SandboxOptions _options;

    internal CompiledScript(string source, Prepared<Script> prepared, SandboxOptions options)
    {
        Source = source;
        _prepared = prepared;
        _freeVariables = JintSandbox.FreeVariables(prepared, SetVariableName, GetVariableName);
        _options = options;
    }

    /// <summary>The script text as written in the BPMN file.</summary>
    public string Source { get; }

    /// <summary>Runs the script against the given variables.</summary>
    /// <exception cref="ExpressionException">The script failed, exceeded a limit, or produced a non-JSON value.</exception>
    public ScriptResult Execute(IVariableSource variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        try
        {
            using var engine = JintSandbox.CreateEngine(_options);
            var converter = new JintValueConverter(engine);
            var written = new Dictionary<string, object?>(StringComparer.Ordinal);
            engine.SetValue(SetVariableName, new ClrFunction(engine, SetVariableName, (_, args) => SetVariable(engine, converter, written, args), 2, PropertyFlag.Configurable));
            engine.SetValue(GetVariableName, new ClrFunction(engine, GetVariableName, (_, args) => GetVariable(engine, converter, written, variables, args), 1, PropertyFlag.Configurable));
            JintSandbox.DefineVariables(engine, converter, _freeVariables, variables);

            var value = converter.FromJs(engine.Evaluate(_prepared));
            return new ScriptResult(ReferenceEquals(value, JsValues.Undefined) ? null : value, written);
        }
        catch (Exception ex)
        {
            throw ExpressionErrors.From(ex, "Script", Source, _options);
        }
    }

    private static JsValue SetVariable(JsEngine engine, JintValueConverter converter, Dictionary<string, object?> written, JsValue[] args)
    {
        var name = VariableName(engine, SetVariableName, args);
        object? value;
        try
        {
            value = converter.FromJs(args.Length > 1 ? args[1] : JsValue.Undefined);
        }
        catch (JsEvaluationException ex)
        {
            // A JS TypeError rather than a host exception, so the script can catch it like any other.
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"{SetVariableName}('{name}'): the value is not a JSON value ({ex.Message})");
        }

        written[name] = ReferenceEquals(value, JsValues.Undefined) ? null : value;
        return JsValue.Undefined;
    }

    private static JsValue GetVariable(JsEngine engine, JintValueConverter converter, Dictionary<string, object?> written, IVariableSource variables, JsValue[] args)
    {
        var name = VariableName(engine, GetVariableName, args);
        if (written.TryGetValue(name, out var pending))
        {
            return converter.ToJs(pending);
        }

        return variables.TryGetVariable(name, out var value) ? converter.ToJs(value) : JsValue.Undefined;
    }

    private static string VariableName(JsEngine engine, string function, JsValue[] args)
    {
        if (args.Length == 0 || !args[0].IsString() || args[0].ToString().Length == 0)
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function}: the variable name must be a non-empty string");
        }

        return args[0].ToString();
    }
}
