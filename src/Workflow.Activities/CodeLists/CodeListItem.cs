using Workflow.Activities.Catalogue;

namespace Workflow.Activities.CodeLists;

/// <summary>One code of a code list with its labels.</summary>
public sealed record CodeListItem(string Code, LocalizedText Label);
