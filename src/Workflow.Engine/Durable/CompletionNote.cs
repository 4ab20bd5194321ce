using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>The runtime's notes on a completion, written on its task-completed line.</summary>
/// <param name="TaskId">The task being completed.</param>
/// <param name="Edits">Variables the completion changes, before and after.</param>
/// <param name="Overridden">The reviewer's decision the completion overrules, when it does.</param>
internal sealed record CompletionNote(Guid TaskId, IReadOnlyList<FieldEdit> Edits, CompletionRecord? Overridden);
