using System.Text.Json;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Start variables for the corpus files whose flow reads data that nothing in the file sets
/// (corpus-inputs.json; each entry is explained in docs/bpmn-support.md).
/// </summary>
internal static class CorpusInputs
{
    public const string FileName = "corpus-inputs.json";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>> All = new(Load);

    /// <summary>Every entry, by corpus-relative path.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Entries => All.Value;

    /// <summary>The start variables for a file, or null when it needs none.</summary>
    public static IReadOnlyDictionary<string, object?>? For(string relative) => Entries.GetValueOrDefault(relative);

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Locate()));
        var entries = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            entries[property.Name] = (IReadOnlyDictionary<string, object?>)JsValues.Normalize(property.Value.Clone())!;
        }
        return entries;
    }

    /// <summary>Next to the test assembly when copied there, else in the source tree.</summary>
    private static string Locate()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Corpus", FileName);
        if (File.Exists(copied))
        {
            return copied;
        }
        var source = CorpusLocation.Repository is { } repo ? Path.Combine(repo, "tests", "Workflow.Engine.Tests", "Corpus", FileName) : null;
        return source is not null && File.Exists(source)
            ? source
            : throw new FileNotFoundException($"{FileName} is neither beside the test assembly nor in the source tree", FileName);
    }
}
