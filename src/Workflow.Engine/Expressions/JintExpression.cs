using Acornima.Ast;
using Jint;

namespace Workflow.Engine.Expressions;

/// <summary>An expression that needs the full JavaScript engine (calls, literals, functions...).</summary>
internal sealed class JintExpression : CompiledExpression
{
    private readonly Prepared<Script> _prepared;
    private readonly string[] _freeVariables;
    private readonly SandboxOptions _options;

    public JintExpression(string source, Prepared<Script> prepared, SandboxOptions options)
        : base(source)
    {
        _prepared = prepared;
        _freeVariables = JintSandbox.FreeVariables(prepared);
        _options = options;
    }

    public override object? Evaluate(IVariableSource variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        try
        {
            using var engine = JintSandbox.CreateEngine(_options);
            var converter = new JintValueConverter(engine);
            JintSandbox.DefineVariables(engine, converter, _freeVariables, variables);
            return converter.FromJs(engine.Evaluate(_prepared));
        }
        catch (Exception ex)
        {
            throw ExpressionErrors.From(ex, "Expression", Source, _options);
        }
    }
}
