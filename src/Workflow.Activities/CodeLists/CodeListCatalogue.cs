using System.Text.Json;
using Workflow.Activities.Catalogue;

namespace Workflow.Activities.CodeLists;

/// <summary>
/// The code lists (DOMAIN.md §8 and those the activities add), read from JSON. The shipped lists are
/// the embedded <c>CodeLists/code-lists.json</c>; an administrator's edited copy loads with <see cref="Load"/>.
/// </summary>
public sealed class CodeListCatalogue
{
    private static readonly Lazy<CodeListCatalogue> Shipped = new(LoadShipped);
    private readonly Dictionary<string, CodeList> _lists;

    /// <summary>Creates a catalogue; list ids must be unique.</summary>
    public CodeListCatalogue(IEnumerable<CodeList> lists)
    {
        _lists = new Dictionary<string, CodeList>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            if (!_lists.TryAdd(list.Id, list))
            {
                throw new ArgumentException($"code list '{list.Id}' is defined twice", nameof(lists));
            }
        }
    }

    /// <summary>The shipped lists.</summary>
    public static CodeListCatalogue Default => Shipped.Value;

    /// <summary>Every list, in file order.</summary>
    public IReadOnlyCollection<CodeList> Lists => _lists.Values;

    /// <summary>Finds a list.</summary>
    public CodeList? Find(string id) => _lists.GetValueOrDefault(id);

    /// <summary>
    /// Reads lists from JSON: <c>{"lists":[{"id","label":{"zh-CN","en"},"source","items":[{"code","zh-CN","en"}]}]}</c>.
    /// Throws <see cref="JsonException"/> or <see cref="ArgumentException"/> for a malformed file.
    /// </summary>
    public static CodeListCatalogue Load(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var lists = new List<CodeList>();
        foreach (var list in document.RootElement.GetProperty("lists").EnumerateArray())
        {
            var items = list.GetProperty("items").EnumerateArray()
                .Select(i => new CodeListItem(Required(i, "code"), new LocalizedText(Required(i, "zh-CN"), Required(i, "en"))))
                .ToList();
            var label = list.GetProperty("label");
            lists.Add(new CodeList(Required(list, "id"), new LocalizedText(Required(label, "zh-CN"), Required(label, "en")),
                list.TryGetProperty("source", out var source) ? source.GetString() : null, items));
        }
        return new CodeListCatalogue(lists);
    }

    private static string Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new JsonException($"'{name}' is missing or empty in {element}");

    private static CodeListCatalogue LoadShipped()
    {
        using var stream = typeof(CodeListCatalogue).Assembly.GetManifestResourceStream("Workflow.Activities.CodeLists.code-lists.json")
            ?? throw new InvalidOperationException("the embedded code-lists.json is missing from Workflow.Activities");
        return Load(stream);
    }
}
