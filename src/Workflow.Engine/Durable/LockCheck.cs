using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>Decided records lock: a completion may not change a variable locked by an earlier step; corrections go through an amendment.</summary>
internal static class LockCheck
{
    public static EngineError? Check(ProcessInstance instance, IReadOnlyList<FieldEdit> edits, string what)
    {
        if (instance.Locks is not { Count: > 0 } locks)
        {
            return null;
        }
        var locked = edits.Where(e => locks.ContainsKey(e.Name)).Select(e => $"'{e.Name}' (locked by '{locks[e.Name].ElementId}' at {locks[e.Name].At:O})").ToList();
        return locked.Count == 0
            ? null
            : TransitionGuard.Refuse(AccountabilityErrors.FieldLocked, RuleNames.RecordLock,
                $"cannot {what}: it would change {string.Join(", ", locked)}; a locked record is corrected only by a reviewed amendment");
    }
}
