using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Rules;

/// <summary>
/// No orphan (DOMAIN.md §4.10): a process flagged <c>wf:requiresParent</c> starts only from a parent instance, called by
/// its call activity; a case never exists without its incident. The value <c>true</c> accepts any parent; otherwise it lists
/// the process ids the parent may run (space-separated, e.g. <c>police-incident</c>).
/// </summary>
public sealed class ParentRequiredRule : ITransitionRule
{
    /// <summary>The wf: attribute on the process.</summary>
    public const string Attribute = "requiresParent";

    /// <summary>Code of the refusal.</summary>
    public const string Code = "parent-required";

    /// <inheritdoc />
    public string Name => Code;

    /// <inheritdoc />
    public async ValueTask<EngineError?> EvaluateAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind != TransitionKind.Start || !context.Definition.Attributes.TryGetValue(Attribute, out var value) || value.Trim() is "false" or "")
        {
            return null;
        }
        var process = context.Definition.Id;
        if (context.ParentInstanceId is not { } parentId)
        {
            return new EngineError(Code, $"'{process}' cannot start on its own: it starts only from its parent's call activity (wf:requiresParent=\"{value}\")");
        }
        var allowed = value.Trim() == "true" ? [] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (allowed.Length == 0)
        {
            return null;
        }
        var parent = (await context.CaseAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == parentId);
        return parent is not null && allowed.Contains(parent.ProcessId, StringComparer.Ordinal)
            ? null
            : new EngineError(Code, $"'{process}' starts only from {string.Join(" or ", allowed)}, not from '{parent?.ProcessId ?? "an unknown instance"}'");
    }
}
