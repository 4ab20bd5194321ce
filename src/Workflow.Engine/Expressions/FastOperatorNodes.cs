namespace Workflow.Engine.Expressions;

internal enum FastUnaryOperator
{
    Not,
    Negate,
    Plus,
    TypeOf,
}

internal enum FastBinaryOperator
{
    StrictEquals,
    StrictNotEquals,
    LooseEquals,
    LooseNotEquals,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

internal enum FastLogicalOperator
{
    And,
    Or,
    Coalesce,
}

internal sealed class UnaryNode(FastUnaryOperator op, FastNode operand) : FastNode
{
    public override object? Evaluate(IVariableSource variables)
    {
        var value = operand.Evaluate(variables);
        return op switch
        {
            FastUnaryOperator.Not => JsConversions.Box(!JsValues.IsTruthy(value)),
            FastUnaryOperator.Negate => -JsConversions.ToNumber(value),
            FastUnaryOperator.Plus => value is double ? value : JsConversions.ToNumber(value),
            _ => JsConversions.TypeOf(value),
        };
    }
}

internal sealed class BinaryNode(FastBinaryOperator op, FastNode left, FastNode right) : FastNode
{
    public override object? Evaluate(IVariableSource variables)
    {
        var l = left.Evaluate(variables);
        var r = right.Evaluate(variables);
        return op switch
        {
            FastBinaryOperator.StrictEquals => JsConversions.Box(JsOperators.StrictEquals(l, r)),
            FastBinaryOperator.StrictNotEquals => JsConversions.Box(!JsOperators.StrictEquals(l, r)),
            FastBinaryOperator.LooseEquals => JsConversions.Box(JsOperators.LooseEquals(l, r)),
            FastBinaryOperator.LooseNotEquals => JsConversions.Box(!JsOperators.LooseEquals(l, r)),
            FastBinaryOperator.LessThan => JsConversions.Box(JsOperators.LessThan(l, r)),
            FastBinaryOperator.LessThanOrEqual => JsConversions.Box(JsOperators.LessThanOrEqual(l, r)),
            FastBinaryOperator.GreaterThan => JsConversions.Box(JsOperators.GreaterThan(l, r)),
            FastBinaryOperator.GreaterThanOrEqual => JsConversions.Box(JsOperators.GreaterThanOrEqual(l, r)),
            FastBinaryOperator.Add => JsOperators.Add(l, r),
            FastBinaryOperator.Subtract => JsConversions.ToNumber(l) - JsConversions.ToNumber(r),
            FastBinaryOperator.Multiply => JsConversions.ToNumber(l) * JsConversions.ToNumber(r),
            FastBinaryOperator.Divide => JsConversions.ToNumber(l) / JsConversions.ToNumber(r),
            // C# % on doubles is IEEE fmod with the dividend's sign, which is what JavaScript specifies.
            _ => JsConversions.ToNumber(l) % JsConversions.ToNumber(r),
        };
    }
}

/// <summary>&amp;&amp;, || and ?? short-circuit and return an operand, not a boolean.</summary>
internal sealed class LogicalNode(FastLogicalOperator op, FastNode left, FastNode right) : FastNode
{
    public override object? Evaluate(IVariableSource variables)
    {
        var l = left.Evaluate(variables);
        var useLeft = op switch
        {
            FastLogicalOperator.And => !JsValues.IsTruthy(l),
            FastLogicalOperator.Or => JsValues.IsTruthy(l),
            _ => !JsConversions.IsNullish(l),
        };
        return useLeft ? l : right.Evaluate(variables);
    }
}
