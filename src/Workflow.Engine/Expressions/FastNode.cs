namespace Workflow.Engine.Expressions;

/// <summary>
/// A node of the fast-path interpreter: a tiny tree walked directly instead of starting a
/// JavaScript engine, for the simple conditions that make up most BPMN gateways.
/// </summary>
internal abstract class FastNode
{
    public abstract object? Evaluate(IVariableSource variables);
}

internal sealed class ConstantNode(object? value) : FastNode
{
    public override object? Evaluate(IVariableSource variables) => value;
}

internal sealed class VariableNode(string name) : FastNode
{
    // An unset variable reads as undefined rather than raising a ReferenceError, so that
    // "approved === true" is simply false until someone sets it.
    public override object? Evaluate(IVariableSource variables) =>
        variables.TryGetVariable(name, out var value) ? JsConversions.Sanitize(value) : JsValues.Undefined;
}

/// <summary>
/// Property access with a key fixed at compile time. Keys that name a built-in prototype member
/// (toString, push, ...) never get here: the builder sends those to Jint.
/// </summary>
internal sealed class MemberNode(FastNode target, string key) : FastNode
{
    private readonly int _index = JsConversions.ToArrayIndex(key);

    public override object? Evaluate(IVariableSource variables)
    {
        var value = target.Evaluate(variables);
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(key, out var property) ? JsConversions.Sanitize(property) : JsValues.Undefined;
            case IReadOnlyList<object?> list:
                if (_index >= 0)
                {
                    return _index < list.Count ? JsConversions.Sanitize(list[_index]) : JsValues.Undefined;
                }

                return key == "length" ? (double)list.Count : JsValues.Undefined;
            case string text:
                if (_index >= 0)
                {
                    return _index < text.Length ? text[_index].ToString() : JsValues.Undefined;
                }

                return key == "length" ? (double)text.Length : JsValues.Undefined;
            case null:
                throw new JsEvaluationException($"Cannot read properties of null (reading '{key}')");
            case var _ when ReferenceEquals(value, JsValues.Undefined):
                throw new JsEvaluationException($"Cannot read properties of undefined (reading '{key}')");
            default:
                return JsValues.Undefined;
        }
    }
}

internal sealed class ConditionalNode(FastNode test, FastNode whenTrue, FastNode whenFalse) : FastNode
{
    public override object? Evaluate(IVariableSource variables) =>
        JsValues.IsTruthy(test.Evaluate(variables)) ? whenTrue.Evaluate(variables) : whenFalse.Evaluate(variables);
}
