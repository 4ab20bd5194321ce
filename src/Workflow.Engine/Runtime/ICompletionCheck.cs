namespace Workflow.Engine.Runtime;

/// <summary>
/// Checks a task completion against rules the BPMN file cannot express (value types, code lists,
/// lengths, rules across fields). A product attaches one to a task's <see cref="Model.TaskSpec"/>
/// at import (see <see cref="Import.ITaskSpecDefaults"/>); <see cref="WorkflowEngine.CompleteTask"/>
/// consults it before anything changes, so every runtime (in memory or durable) applies it.
/// </summary>
public interface ICompletionCheck
{
    /// <summary>Every problem found, or an empty list when the completion is acceptable. Must not change the instance.</summary>
    IReadOnlyList<CompletionProblem> Check(CompletionCheckContext context);
}
