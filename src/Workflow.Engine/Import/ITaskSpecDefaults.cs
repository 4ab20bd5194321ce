using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>
/// Supplies what a task's <c>wf:type</c> implies (roles, SLA, outcomes, fields, separation, a
/// completion check) when the BPMN file does not declare it. Set on <see cref="ImportOptions.TaskDefaults"/>;
/// the importer calls it once per user, receive or manual task that has a <c>wf:type</c>, after the
/// whole process has been read, so separations can be resolved against the other tasks.
/// </summary>
public interface ITaskSpecDefaults
{
    /// <summary>The spec to use for the task: <see cref="TaskDefaultsContext.Declared"/> itself when the type is not known.</summary>
    TaskSpec Apply(TaskDefaultsContext context);
}
