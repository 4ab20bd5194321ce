namespace Workflow.Engine.Expressions;

/// <summary>
/// A JavaScript-level failure raised outside Jint (fast path, value conversion). The caller wraps
/// it into an <see cref="ExpressionException"/> that names the expression.
/// </summary>
internal sealed class JsEvaluationException(string message) : Exception(message);
