using Acornima;
using Acornima.Ast;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Turns an expression AST into <see cref="FastNode"/>s when it only uses the constructs the
/// fast path reproduces exactly; returns null otherwise so the caller falls back to Jint.
/// </summary>
internal static class FastNodeBuilder
{
    // Real conditions are a handful of levels deep; the cap keeps recursion here and in
    // evaluation far from the stack limit.
    private const int MaxDepth = 64;

    public static FastNode? TryBuild(Expression expression) => Build(expression, 0);

    private static FastNode? Build(Expression expression, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        return expression switch
        {
            StringLiteral s => new ConstantNode(s.Value),
            NumericLiteral n => new ConstantNode(n.Value),
            BooleanLiteral b => new ConstantNode(JsConversions.Box(b.Value)),
            NullLiteral => new ConstantNode(null),
            Identifier id => BuildIdentifier(id.Name),
            ParenthesizedExpression p => Build(p.Expression, depth + 1),
            MemberExpression m => BuildMember(m, depth),
            UnaryExpression u => BuildUnary(u, depth),
            LogicalExpression l => BuildLogical(l, depth),
            NonLogicalBinaryExpression b => BuildBinary(b, depth),
            ConditionalExpression c => BuildConditional(c, depth),
            _ => null,
        };
    }

    private static FastNode? BuildIdentifier(string name) => name switch
    {
        // Non-writable globals: constants in every engine.
        "undefined" => new ConstantNode(JsValues.Undefined),
        "NaN" => new ConstantNode(double.NaN),
        "Infinity" => new ConstantNode(double.PositiveInfinity),
        _ when JsBuiltins.IsGlobal(name) => null,
        _ => new VariableNode(name),
    };

    private static FastNode? BuildMember(MemberExpression member, int depth)
    {
        if (member.Optional)
        {
            return null;
        }

        var key = (member.Computed, member.Property) switch
        {
            (false, Identifier id) => id.Name,
            (true, StringLiteral s) => s.Value,
            (true, NumericLiteral n) => JsConversions.NumberToString(n.Value),
            _ => null,
        };
        if (key is null || (key != "length" && JsBuiltins.IsPrototypeMember(key)))
        {
            return null;
        }

        var target = Build(member.Object, depth + 1);
        return target is null ? null : new MemberNode(target, key);
    }

    private static FastNode? BuildUnary(UnaryExpression unary, int depth)
    {
        FastUnaryOperator? op = unary.Operator switch
        {
            Operator.LogicalNot => FastUnaryOperator.Not,
            Operator.UnaryNegation => FastUnaryOperator.Negate,
            Operator.UnaryPlus => FastUnaryOperator.Plus,
            Operator.TypeOf => FastUnaryOperator.TypeOf,
            _ => null,
        };
        if (op is null)
        {
            return null;
        }

        var operand = Build(unary.Argument, depth + 1);
        return operand is null ? null : new UnaryNode(op.Value, operand);
    }

    private static FastNode? BuildBinary(NonLogicalBinaryExpression binary, int depth)
    {
        FastBinaryOperator? op = binary.Operator switch
        {
            Operator.StrictEquality => FastBinaryOperator.StrictEquals,
            Operator.StrictInequality => FastBinaryOperator.StrictNotEquals,
            Operator.Equality => FastBinaryOperator.LooseEquals,
            Operator.Inequality => FastBinaryOperator.LooseNotEquals,
            Operator.LessThan => FastBinaryOperator.LessThan,
            Operator.LessThanOrEqual => FastBinaryOperator.LessThanOrEqual,
            Operator.GreaterThan => FastBinaryOperator.GreaterThan,
            Operator.GreaterThanOrEqual => FastBinaryOperator.GreaterThanOrEqual,
            Operator.Addition => FastBinaryOperator.Add,
            Operator.Subtraction => FastBinaryOperator.Subtract,
            Operator.Multiplication => FastBinaryOperator.Multiply,
            Operator.Division => FastBinaryOperator.Divide,
            Operator.Remainder => FastBinaryOperator.Remainder,
            _ => null,
        };
        if (op is null)
        {
            return null;
        }

        var left = Build(binary.Left, depth + 1);
        var right = left is null ? null : Build(binary.Right, depth + 1);
        return right is null ? null : new BinaryNode(op.Value, left!, right);
    }

    private static FastNode? BuildLogical(LogicalExpression logical, int depth)
    {
        FastLogicalOperator? op = logical.Operator switch
        {
            Operator.LogicalAnd => FastLogicalOperator.And,
            Operator.LogicalOr => FastLogicalOperator.Or,
            Operator.NullishCoalescing => FastLogicalOperator.Coalesce,
            _ => null,
        };
        if (op is null)
        {
            return null;
        }

        var left = Build(logical.Left, depth + 1);
        var right = left is null ? null : Build(logical.Right, depth + 1);
        return right is null ? null : new LogicalNode(op.Value, left!, right);
    }

    private static FastNode? BuildConditional(ConditionalExpression conditional, int depth)
    {
        var test = Build(conditional.Test, depth + 1);
        var whenTrue = test is null ? null : Build(conditional.Consequent, depth + 1);
        var whenFalse = whenTrue is null ? null : Build(conditional.Alternate, depth + 1);
        return whenFalse is null ? null : new ConditionalNode(test!, whenTrue!, whenFalse);
    }
}
