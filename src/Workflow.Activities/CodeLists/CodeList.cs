using Workflow.Activities.Catalogue;

namespace Workflow.Activities.CodeLists;

/// <summary>A code list: an id, its labels and its codes in display order.</summary>
public sealed class CodeList
{
    private readonly Dictionary<string, CodeListItem> _byCode;

    /// <summary>Creates a list; codes must be unique.</summary>
    public CodeList(string id, LocalizedText label, string? source, IReadOnlyList<CodeListItem> items)
    {
        Id = id;
        Label = label;
        Source = source;
        Items = items;
        _byCode = new Dictionary<string, CodeListItem>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!_byCode.TryAdd(item.Code, item))
            {
                throw new ArgumentException($"code list '{id}' has the code '{item.Code}' twice", nameof(items));
            }
        }
    }

    /// <summary>Id used in <c>codeList</c>.</summary>
    public string Id { get; }
    /// <summary>Name of the list.</summary>
    public LocalizedText Label { get; }
    /// <summary>Where the list comes from (e.g. DOMAIN.md §8).</summary>
    public string? Source { get; }
    /// <summary>Codes in display order.</summary>
    public IReadOnlyList<CodeListItem> Items { get; }

    /// <summary>True when <paramref name="code"/> is in the list.</summary>
    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>Finds a code.</summary>
    public CodeListItem? Find(string code) => _byCode.GetValueOrDefault(code);
}
