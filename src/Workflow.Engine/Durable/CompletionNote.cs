using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>The runtime's notes on a completion, written on its task-completed line.</summary>
/// <param name="TaskId">The task being completed.</param>
/// <param name="Edits">Variables the completion changes, before and after.</param>
/// <param name="Overridden">The reviewer's decision the completion overrules, when it does.</param>
/// <param name="Duty">The step's duty (wf:duty), when declared: the backward trace tells entries from reviews and approvals by it.</param>
/// <param name="Forward">Whether the outcome was the step's forward (first) one, or the step offers none; false for a return or a rejection.</param>
internal sealed record CompletionNote(Guid TaskId, IReadOnlyList<FieldEdit> Edits, CompletionRecord? Overridden, string? Duty = null, bool Forward = true);
