using Workflow.Activities.Import;
using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Host.Cli;

/// <summary>
/// Imports files for the command line, turning unreadable files into diagnostics rather than crashes.
/// A file is checked together with the other .bpmn files of its folder (and the files named with it):
/// they are what would be deployed with it, so its call activities must find their processes there.
/// </summary>
internal sealed class FileImport
{
    private readonly BpmnImporter _importer = new(PoliceImport.Options());
    private readonly Dictionary<string, ImportResult> _cache = new(StringComparer.Ordinal);

    /// <summary>Imports a file and checks its call activities against its companions.</summary>
    public ImportResult Import(string file, IEnumerable<string>? companions = null)
    {
        var result = ImportAlone(file);
        if (result.Document is null)
        {
            return result;
        }
        var available = Companions(file, companions ?? []).SelectMany(f => ImportAlone(f).Document?.Processes ?? []);
        return result.WithCrossFileErrors(CallGraphCheck.Check(result.Document, available));
    }

    /// <summary>Finds a process among the companions of a file.</summary>
    public Func<string, ProcessDefinition?> Resolver(string file) => id =>
        Companions(file, []).Select(f => ImportAlone(f).Document).Where(d => d is not null).SelectMany(d => d!.Processes).FirstOrDefault(p => p.Id == id);

    private ImportResult ImportAlone(string file)
    {
        var key = Path.GetFullPath(file);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        ImportResult result;
        try
        {
            result = _importer.Import(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            result = ImportResult.FromError("WF-FILE", $"cannot read '{file}': {ex.Message}");
        }
        return _cache[key] = result;
    }

    private static IEnumerable<string> Companions(string file, IEnumerable<string> named)
    {
        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full)!;
        var siblings = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        return named.Concat(siblings).Select(Path.GetFullPath).Where(f => f != full).Distinct();
    }
}
